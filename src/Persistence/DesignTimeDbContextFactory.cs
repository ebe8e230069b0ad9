using Commerce.Persistence.Configuration;
using Microsoft.EntityFrameworkCore.Design;

namespace Commerce.Persistence;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without a running host.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<CommerceDbContext>
{
    public CommerceDbContext CreateDbContext(string[] args)
    {
        var connectionString = Environment.GetEnvironmentVariable("Postgres__ConnectionString")
            ?? "Host=localhost;Database=commerce;Username=commerce;Password=commerce";
        return PersistenceRegistrationExtensions.Open(connectionString);
    }
}
