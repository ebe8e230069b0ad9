using System.Net;
using System.Text.Json;
using Commerce.Api.Gateway;

namespace Commerce.Api.Tests.Contract;

/// <summary>
/// Every error is problem+json with a <c>type</c> URI (docs/api/problems.md) and a <c>traceId</c>,
/// whatever the <c>Accept</c> header; a request the framework cannot bind says what was wrong in
/// <c>detail</c>, and names the member in <c>errors</c> where it can.
/// </summary>
[TestFixture]
public sealed class ProblemDetailsSpecs : ContractFixture
{
    [Test]
    public async Task Malformed_JSON_is_a_400_whose_detail_says_what_was_wrong()
    {
        var token = await NewCustomerTokenAsync();

        using var response = await PostCheckoutAsync(token, """{"items": [{"productId": """);

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.That(problem.GetProperty("detail").GetString(), Does.StartWith("The body is not valid JSON"));
    }

    [Test]
    public async Task A_number_sent_as_a_string_is_a_400_naming_the_member()
    {
        var token = await NewCustomerTokenAsync();

        using var response = await PostCheckoutAsync(token, await CheckoutJsonAsync(quantity: "\"2\""));

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Multiple(() =>
        {
            Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("items[0].quantity").And.Contain("JSON numbers"));
            Assert.That(problem.GetProperty("errors").TryGetProperty("items[0].quantity", out _), Is.True, problem.ToString());
        });
    }

    [Test]
    public async Task A_member_the_request_does_not_have_is_a_400_naming_it_without_dotnet_type_names()
    {
        var token = await NewCustomerTokenAsync();
        var json = (await CheckoutJsonAsync()).TrimEnd().TrimEnd('}') + ""","price":0}""";

        using var response = await PostCheckoutAsync(token, json);

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("'price' is not a member").And.Not.Contain("Commerce."));
    }

    [Test]
    public async Task A_query_value_that_does_not_parse_is_a_400_naming_the_parameter()
    {
        var token = await NewCustomerTokenAsync();

        using var response = await SendAsync(HttpMethod.Get, "/api/v1/orders?page=first", token);

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.That(problem.GetProperty("errors").GetProperty("page")[0].GetString(), Does.Contain("'first'"));
    }

    [Test]
    public async Task An_unknown_order_asked_for_as_an_event_stream_is_a_404_in_problem_json()
    {
        var token = await NewCustomerTokenAsync();
        using var request = WithAccept(Request(HttpMethod.Get, $"/api/v1/orders/{Guid.NewGuid()}/events", token), "text/event-stream");

        using var response = await Client.SendAsync(request);

        await ProblemAsync(response, HttpStatusCode.NotFound);
    }

    [TestCase("text/html")]
    [TestCase("text/plain")]
    public async Task An_error_is_problem_json_whatever_the_client_accepts(string accept)
    {
        using var request = WithAccept(Request(HttpMethod.Get, "/api/v1/cart"), accept);

        using var response = await Client.SendAsync(request);

        await ProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task The_checkout_limits_429_has_a_type_and_a_Retry_After()
    {
        var token = await NewCustomerTokenAsync();
        var json = await CheckoutJsonAsync();
        for (var i = 0; i < CheckoutsPerMinute; i++)
        {
            using var accepted = await PostCheckoutAsync(token, json);
            Assert.That(accepted.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await accepted.Content.ReadAsStringAsync());
        }

        using var response = await PostCheckoutAsync(token, json);

        await ProblemAsync(response, HttpStatusCode.TooManyRequests);
        Assert.That(response.Headers.RetryAfter, Is.Not.Null);
    }

    [Test]
    public async Task A_route_value_that_is_not_a_uuid_is_a_404_problem()
    {
        var token = await NewCustomerTokenAsync();

        using var response = await SendAsync(HttpMethod.Get, "/api/v1/orders/not-an-id", token);

        await ProblemAsync(response, HttpStatusCode.NotFound);
    }

    /// <summary>Asserts the status, problem+json, the type of docs/api/problems.md for the status, a title and a trace id; answers the body.</summary>
    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        await AssertProblemAsync(response, status);
        var problem = await JsonAsync(response);
        Assert.Multiple(() =>
        {
            Assert.That(problem.GetProperty("type").GetString(), Is.EqualTo(ProblemTypes.ByStatus[(int)status]), problem.ToString());
            Assert.That(problem.GetProperty("title").GetString(), Is.Not.Empty, problem.ToString());
            Assert.That(problem.GetProperty("traceId").GetString(), Is.Not.Empty, problem.ToString());
        });
        return problem;
    }
}
