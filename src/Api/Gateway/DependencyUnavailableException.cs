namespace Commerce.Api.Gateway;

/// <summary>A backing service a feature cannot work without (Redis for tokens and carts) did not answer in time.</summary>
internal sealed class DependencyUnavailableException : Exception
{
    public DependencyUnavailableException()
        : this("redis")
    {
    }

    public DependencyUnavailableException(string dependency)
        : base($"{dependency} is unavailable")
    {
    }

    public DependencyUnavailableException(string dependency, Exception innerException)
        : base($"{dependency} is unavailable", innerException)
    {
    }
}
