using System.Net.Http.Json;

namespace Commerce.SandboxTestSupport;

/// <summary>
/// The sandbox's test switches and records under <c>/sandbox</c>, over plain HTTP: for a sandbox
/// in-process (<see cref="SandboxServer"/>) or one running as a process (the end-to-end suite).
/// </summary>
public class SandboxClient : IAsyncDisposable
{
    public SandboxClient(Uri baseAddress)
    {
        BaseAddress = baseAddress;
        Http = new HttpClient { BaseAddress = baseAddress };
    }

    /// <summary>Where the sandbox listens, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>A plain client for the /sandbox records and switches, and for requests the SDKs cannot make.</summary>
    public HttpClient Http { get; }

    public async Task SetFaultAsync(string target, object fault)
    {
        using var response = await Http.PutAsJsonAsync(new Uri($"/sandbox/faults/{target}", UriKind.Relative), fault);
        response.EnsureSuccessStatusCode();
    }

    public async Task ClearFaultsAsync()
    {
        using var response = await Http.DeleteAsync(new Uri("/sandbox/faults", UriKind.Relative));
        response.EnsureSuccessStatusCode();
    }

    public async Task SetWarehouseDelaysAsync(int dispatchAfterSeconds, int deliverAfterSeconds)
    {
        using var response = await Http.PutAsJsonAsync(new Uri("/sandbox/warehouse/settings", UriKind.Relative), new { dispatchAfterSeconds, deliverAfterSeconds });
        response.EnsureSuccessStatusCode();
    }

    public async Task<T> GetAsync<T>(string pathAndQuery) =>
        await Http.GetFromJsonAsync<T>(new Uri(pathAndQuery, UriKind.Relative))
        ?? throw new InvalidOperationException($"{pathAndQuery} answered null");

    public Task<IReadOnlyList<PaymentIntentRecord>> PaymentIntentsAsync(Guid orderId) =>
        GetAsync<IReadOnlyList<PaymentIntentRecord>>($"/sandbox/stripe/payment-intents?orderId={orderId:D}");

    public Task<IReadOnlyList<RefundRecord>> RefundsAsync(Guid orderId) =>
        GetAsync<IReadOnlyList<RefundRecord>>($"/sandbox/stripe/refunds?orderId={orderId:D}");

    public Task<IReadOnlyList<MailRecord>> MailAsync(Guid orderId) =>
        GetAsync<IReadOnlyList<MailRecord>>($"/sandbox/mail?orderId={orderId:D}");

    public Task<IReadOnlyList<FulfillmentRecord>> FulfillmentsAsync(Guid orderId) =>
        GetAsync<IReadOnlyList<FulfillmentRecord>>($"/sandbox/warehouse/fulfillments?orderId={orderId:D}");

    public async ValueTask DisposeAsync()
    {
        await DisposeAsyncCore();
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the client; a subclass releases what it holds besides.</summary>
    protected virtual ValueTask DisposeAsyncCore()
    {
        Http.Dispose();
        return ValueTask.CompletedTask;
    }
}
