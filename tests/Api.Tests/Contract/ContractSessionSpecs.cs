using System.Text.Json;

namespace Commerce.Api.Tests.Contract;

/// <summary>
/// A client session over the Api, error paths included, against the OpenAPI document the same Api
/// serves: every status the client meets is one the operation declares, and every error is the
/// problem+json the document says. A generated client would otherwise turn it into "unexpected
/// status code" and lose the problem's title.
/// </summary>
[TestFixture]
public sealed class ContractSessionSpecs : ContractFixture
{
    [Test]
    public async Task Every_status_a_client_session_meets_is_declared_by_its_operation_in_the_document()
    {
        var document = await JsonAsync(await Client.GetAsync(Url("/openapi/v1.json")));
        var met = (await RunClientSessionAsync(Client)).Select(a => (a.Call.Operation, a.Status, a.MediaType)).ToList();

        var paths = document.GetProperty("paths");
        Assert.Multiple(() =>
        {
            // The session reaches most kinds of answer; an empty session cannot pass.
            Assert.That(met.Select(m => (int)m.Status).Distinct(), Is.SupersetOf(new[] { 200, 202, 400, 401, 403, 404, 409, 415 }));
            foreach (var (operation, status, mediaType) in met)
            {
                var (method, path) = (operation.Split(' ')[0], operation.Split(' ')[1].TrimEnd('/'));
                var described = paths.EnumerateObject().Where(p => p.Name.TrimEnd('/') == path && p.Value.TryGetProperty(method, out _)).Select(p => p.Value.GetProperty(method)).ToList();
                Assert.That(described, Has.Count.EqualTo(1), $"{operation} is in the document");
                if (described.Count != 1)
                {
                    continue;
                }

                var responses = described[0].GetProperty("responses");
                var code = ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture);
                Assert.That(responses.TryGetProperty(code, out var declared), Is.True, $"{operation} declares the {code} it answered");
                if ((int)status >= 400 && declared.ValueKind == JsonValueKind.Object)
                {
                    Assert.That(mediaType, Is.EqualTo("application/problem+json"), $"{operation} {code}");
                    Assert.That(declared.GetProperty("content").TryGetProperty("application/problem+json", out _), Is.True, $"{operation} {code} is declared as problem+json");
                }
            }
        });
    }
}
