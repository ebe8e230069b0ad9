using Commerce.Persistence.Configuration;
using Microsoft.EntityFrameworkCore.Design;

namespace Commerce.Persistence;

/// <summary>
/// Lets <c>dotnet ef migrations add</c> build the model without a running host. It builds the model
/// only and never connects, so it reads no settings: migrations are applied by <c>commerce-cli
/// db migrate</c> with the real ones.
/// </summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<CommerceDbContext>
{
    public CommerceDbContext CreateDbContext(string[] args) => PersistenceRegistrationExtensions.Open("Host=localhost");
}
