using System.Net;
using System.Text.RegularExpressions;

namespace Commerce.Api.Tests.Ordering;

/// <summary>A route that names a customer's order, as the Api maps it (<c>{id:guid}</c>), and what the owner gets from it.</summary>
public sealed partial record OwnedRoute(string Method, string Pattern, HttpStatusCode OwnerStatus)
{
    public string Key => $"{Method} {Pattern}";

    public string Url(Guid orderId) => RouteParameter().Replace(Pattern, orderId.ToString());

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteParameter();
}
