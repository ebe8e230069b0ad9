using System.CommandLine;
using Commerce.Persistence.Seeding;
using Commerce.Persistence.Users;
using Microsoft.EntityFrameworkCore;
using Spectre.Console;

namespace Commerce.Cli.Commands;

internal static class DatabaseCommands
{
    public static Command Create()
    {
        var seed = new Option<bool>("--seed") { Description = "Also add the demo catalog and accounts (idempotent)." };
        var migrate = new Command("migrate", "Apply every pending EF Core migration.") { seed };
        migrate.SetAction(async (parse, ct) =>
        {
            await using var db = CliSettings.OpenDatabase();
            var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
            await db.Database.MigrateAsync(ct);
            AnsiConsole.MarkupLineInterpolated($"[green]database[/] {pending.Count} migration(s) applied");
            if (parse.GetValue(seed))
            {
                // Demo accounts with published passwords must never reach a real deployment.
                var environment = Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT");
                if (!string.Equals(environment, "Development", StringComparison.Ordinal))
                {
                    await Console.Error.WriteLineAsync($"db migrate: --seed runs only with ASPNETCORE_ENVIRONMENT=Development (it is '{environment}')");
                    return 2;
                }

                var result = await new DemoDataSeeder(db, new UserPasswordHasher(), TimeProvider.System).SeedAsync(ct);
                AnsiConsole.MarkupLineInterpolated($"[green]demo data[/] {result.ProductsAdded} product(s), {result.UsersAdded} account(s) added");
            }

            return 0;
        });

        return new Command("db", "Database schema and demo data.") { migrate };
    }
}
