using Commerce.Api.Gateway;
using Commerce.Persistence.Users;

namespace Commerce.Api.Auth;

/// <summary>
/// PBKDF2 at 600,000 iterations costs a core for a noticeable time: at most one hash per core
/// runs at once, so a burst of logins cannot starve every other request of CPU.
/// </summary>
internal sealed class PasswordWork(UserPasswordHasher hasher) : IDisposable
{
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim _slots = new(Environment.ProcessorCount, Environment.ProcessorCount);

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

    public void Dispose() => _slots.Dispose();

    private async Task<T> RunAsync<T>(Func<T> work, CancellationToken cancellationToken)
    {
        if (!await _slots.WaitAsync(MaxWait, cancellationToken))
        {
            throw new DependencyUnavailableException("password hashing capacity");
        }

        try
        {
            return work();
        }
        finally
        {
            _slots.Release();
        }
    }
}
