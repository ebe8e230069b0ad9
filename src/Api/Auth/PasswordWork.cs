using System.Threading.RateLimiting;
using Commerce.Api.Gateway;
using Commerce.Persistence.Users;
using Microsoft.Extensions.Options;

namespace Commerce.Api.Auth;

/// <summary>
/// PBKDF2 at 600,000 iterations costs a core for a noticeable time: at most one hash per core but
/// one runs at once, a few more wait in a bounded queue, and the rest are refused with 503 at once,
/// so a flood of logins leaves a core for every other request instead of queuing without end.
/// </summary>
internal sealed class PasswordWork(
    UserPasswordHasher hasher,
    [FromKeyedServices(PasswordWork.LimiterKey)] RateLimiter slots)
{
    /// <summary>The service key of the hashing limiter (a seam: a test can hold its slots).</summary>
    public const string LimiterKey = "password-hashing";

    /// <summary>
    /// Verified against for unknown emails, so an unknown account takes as long as a wrong
    /// password and response times do not reveal which emails are registered.
    /// </summary>
    private readonly Lazy<User> _decoy = new(() =>
    {
        var user = new User { Email = "decoy@invalid", FullName = "decoy", PasswordHash = string.Empty };
        user.PasswordHash = hasher.Hash(user, Guid.NewGuid().ToString());
        return user;
    });

    /// <summary>Hashes that may run at once: every core but one, and at least one.</summary>
    public static int Slots => Math.Max(1, Environment.ProcessorCount - 1);

    public static RateLimiter CreateLimiter(IServiceProvider services, object? key)
    {
        ArgumentNullException.ThrowIfNull(services);
        return new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = Slots,
            QueueLimit = services.GetRequiredService<IOptions<GatewayOptions>>().Value.PasswordHashQueueLimit,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    public Task<string> HashAsync(User user, string password, CancellationToken cancellationToken) =>
        RunAsync(() => hasher.Hash(user, password), cancellationToken);

    public Task<bool> VerifyAsync(User? user, string password, CancellationToken cancellationToken) =>
        RunAsync(
            () =>
            {
                if (user is null)
                {
                    _ = hasher.Verify(_decoy.Value, password);
                    return false;
                }

                return hasher.Verify(user, password);
            },
            cancellationToken);

    private async Task<T> RunAsync<T>(Func<T> work, CancellationToken cancellationToken)
    {
        // A full queue answers at once with a refused lease; a queued one waits its turn.
        using var lease = await slots.AcquireAsync(1, cancellationToken);
        if (!lease.IsAcquired)
        {
            throw new DependencyUnavailableException("password hashing capacity");
        }

        return work();
    }
}
