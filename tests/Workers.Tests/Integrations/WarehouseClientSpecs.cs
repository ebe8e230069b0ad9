using Commerce.Workers.Fulfillment;
using Commerce.Workers.Tests.Integrations.Support;

namespace Commerce.Workers.Tests.Integrations;

/// <summary>The real <see cref="WarehouseClient"/> (typed HttpClient, standard resilience handler) against the sandbox's warehouse.</summary>
[TestFixture]
public sealed class WarehouseClientSpecs : IntegrationFixture
{
    [Test]
    public async Task A_fulfilment_request_is_accepted_and_a_repeat_with_its_request_id_returns_the_same_fulfilment()
    {
        await using var services = Services();
        var client = services.Get<IWarehouseClient>();
        var request = Request(Guid.NewGuid());

        var first = await client.RequestFulfillmentAsync(request, CancellationToken.None);
        var second = await client.RequestFulfillmentAsync(request, CancellationToken.None);

        var fulfillments = await Sandbox.FulfillmentsAsync(request.OrderId);
        Assert.Multiple(() =>
        {
            Assert.That(first, Does.StartWith("ful_"));
            Assert.That(second, Is.EqualTo(first));
            Assert.That(fulfillments, Has.Count.EqualTo(1));
            Assert.That(fulfillments[0].FulfillmentId, Is.EqualTo(first));
            Assert.That(fulfillments[0].RequestId, Is.EqualTo(request.RequestId));
            Assert.That(fulfillments[0].Status, Is.EqualTo("accepted"));
        });
    }

    [Test]
    public async Task Intermittent_warehouse_errors_are_retried_into_one_fulfilment()
    {
        await using var services = Services(new()
        {
            // Only the retries are under test here, not the breaker: at a 0.5 error rate about half the
            // ~20 attempts fail, which is the default breaker's threshold, and an open circuit would fail
            // the remaining orders at once.
            ["Warehouse:Resilience:CircuitBreakerFailureRatio"] = "1.0",
        });
        await Sandbox.SetFaultAsync("warehouse", new { mode = "error", errorRate = 0.5 });
        var client = services.Get<IWarehouseClient>();
        var orders = Enumerable.Range(0, 10).Select(_ => Request(Guid.NewGuid())).ToList();
        var accepted = 0;

        foreach (var request in orders)
        {
            try
            {
                await client.RequestFulfillmentAsync(request, CancellationToken.None);
                accepted++;
            }
            catch (WarehouseUnavailableException)
            {
                // Four attempts all failed (1 in 16): the consumer would retry later.
            }
        }

        await Sandbox.ClearFaultsAsync();
        var perOrder = new List<int>();
        foreach (var request in orders)
        {
            perOrder.Add((await Sandbox.FulfillmentsAsync(request.OrderId)).Count);
        }

        Assert.Multiple(() =>
        {
            Assert.That(accepted, Is.GreaterThanOrEqualTo(6));
            Assert.That(perOrder, Has.All.LessThanOrEqualTo(1));
            Assert.That(perOrder.Sum(), Is.EqualTo(accepted));
        });
    }

    [Test]
    public async Task A_warehouse_that_is_down_ends_in_warehouse_unavailable_after_the_retries()
    {
        await using var services = Services();
        await Sandbox.SetFaultAsync("warehouse", new { mode = "down" });
        var request = Request(Guid.NewGuid());

        Assert.ThrowsAsync<WarehouseUnavailableException>(() =>
            services.Get<IWarehouseClient>().RequestFulfillmentAsync(request, CancellationToken.None));

        Assert.Multiple(async () =>
        {
            Assert.That(services.Attempts["IWarehouseClient"], Is.EqualTo(4), "the first attempt and 3 retries");
            Assert.That(await Sandbox.FulfillmentsAsync(request.OrderId), Is.Empty);
        });
    }

    [Test]
    public async Task A_request_the_warehouse_refuses_is_a_rejection_not_an_outage()
    {
        await using var services = Services();
        var request = Request(Guid.NewGuid()) with { Lines = [] };

        var e = Assert.ThrowsAsync<WarehouseRejectedException>(() =>
            services.Get<IWarehouseClient>().RequestFulfillmentAsync(request, CancellationToken.None));

        Assert.That(e!.StatusCode, Is.EqualTo(400));
    }

    [Test]
    public async Task A_request_the_warehouse_refuses_is_logged_and_thrown_with_its_status_code_but_not_its_body()
    {
        // No lines: the sandbox answers 400 with a validation problem that describes a valid line.
        var request = Request(Guid.NewGuid()) with { Lines = [] };

        var (e, logs) = await FailureWithLogsAsync<WarehouseRejectedException>(s => s.Get<IWarehouseClient>().RequestFulfillmentAsync(request, CancellationToken.None));

        ProviderFailureReport.AssertStatusWithoutBody(e, logs, "with 400", $"refused the fulfilment of order {request.OrderId:D} with 400", "at least one line");
    }

    [Test]
    public async Task A_warehouse_that_is_down_is_logged_and_thrown_with_its_status_code_but_not_its_body()
    {
        await Sandbox.SetFaultAsync("warehouse", new { mode = "down" });
        var request = Request(Guid.NewGuid());

        var (e, logs) = await FailureWithLogsAsync<WarehouseUnavailableException>(s => s.Get<IWarehouseClient>().RequestFulfillmentAsync(request, CancellationToken.None));

        ProviderFailureReport.AssertStatusWithoutBody(e, logs, "answered 503", "Result: '503'", "Sandbox fault");
    }

    private static FulfillmentRequest Request(Guid orderId) => new(
        orderId,
        $"{orderId:D}:fulfil",
        [new FulfillmentLine("SKU-TEAPOT", 2), new FulfillmentLine("SKU-CUP", 4)],
        new ShippingAddress("Ada Lovelace", "1 Loop Road", null, "London", "N1 1AA", "GB"));
}
