using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Commerce.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class AddDeadLetterAudit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "dead_letter_actions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    actor = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    action = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    queue = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    message_ids = table.Column<List<string>>(type: "text[]", nullable: false),
                    count = table.Column<int>(type: "integer", nullable: false),
                    outcome = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_dead_letter_actions", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_dead_letter_actions_at",
                table: "dead_letter_actions",
                column: "at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "dead_letter_actions");
        }
    }
}
