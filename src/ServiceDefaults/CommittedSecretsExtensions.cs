using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Commerce.ServiceDefaults;

public static class CommittedSecretsExtensions
{
    /// <summary>Outside Development, start-up fails naming any of these settings that holds a committed secret.</summary>
    public static OptionsBuilder<TOptions> RefuseCommittedSecrets<TOptions>(
        this OptionsBuilder<TOptions> builder,
        params (string Setting, Func<TOptions, IEnumerable<string?>> Values)[] secrets)
        where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<IValidateOptions<TOptions>>(sp =>
            new CommittedSecretsValidator<TOptions>(sp.GetRequiredService<IHostEnvironment>(), secrets));
        return builder;
    }
}
