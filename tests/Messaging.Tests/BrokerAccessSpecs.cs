using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Commerce.LocalSystem;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Commerce.Messaging.Tests;

/// <summary>
/// Who may do what on the broker (reliability plan S11, docs/adr/0033): no guest account, the hosts'
/// user has rights in its virtual host and none in the management API, the operations user reads
/// queues but administers nothing.
/// </summary>
[TestFixture]
public sealed class BrokerAccessSpecs
{
    private static readonly LocalServices Services = LocalServices.Current;

    [Test]
    public void Guest_cannot_log_in_over_AMQP()
    {
        var refused = Assert.CatchAsync(async () => await ConnectAsync("guest", "guest", "/"));

        Assert.That(Chain(refused).OfType<AuthenticationFailureException>(), Is.Not.Empty, refused?.ToString());
    }

    [Test]
    public async Task The_app_user_logs_in_over_AMQP_to_its_virtual_host()
    {
        await using var connection = await ConnectAsync(Services.RabbitMqUsername, Services.RabbitMqPassword, Services.RabbitMqVirtualHost);

        Assert.That(connection.IsOpen, Is.True);
    }

    [Test]
    public async Task Guest_cannot_log_in_to_the_management_API()
    {
        var (status, body) = await GetAsync("api/whoami", "guest", "guest");

        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.Unauthorized), body);
            Assert.That(body, Does.Contain("Login failed"));
        });
    }

    [Test]
    public async Task The_app_user_is_no_administrator_and_cannot_list_virtual_hosts()
    {
        var (whoamiStatus, whoami) = await GetAsync("api/whoami", Services.RabbitMqUsername, Services.RabbitMqPassword);
        var (vhostsStatus, vhosts) = await GetAsync("api/vhosts", Services.RabbitMqUsername, Services.RabbitMqPassword);

        Assert.Multiple(() =>
        {
            // Without the management tag the API refuses the user outright; with any tag it must not be administrator.
            Assert.That(whoamiStatus == HttpStatusCode.Unauthorized || !Tags(whoami).Contains("administrator"), Is.True, whoami);
            Assert.That(vhostsStatus, Is.EqualTo(HttpStatusCode.Unauthorized), vhosts);
        });
    }

    [Test]
    public async Task The_operations_user_reads_the_queues_of_its_virtual_host_but_administers_nothing()
    {
        var (user, password) = (Services.RabbitMqManagementUsername, Services.RabbitMqManagementPassword);
        var (queuesStatus, queues) = await GetAsync($"api/queues/{Uri.EscapeDataString(Services.RabbitMqVirtualHost)}", user, password);
        var (_, whoami) = await GetAsync("api/whoami", user, password);
        var (usersStatus, users) = await GetAsync("api/users", user, password);

        Assert.Multiple(() =>
        {
            Assert.That(queuesStatus, Is.EqualTo(HttpStatusCode.OK), queues);
            Assert.That(Tags(whoami), Does.Not.Contain("administrator"), whoami);
            Assert.That(usersStatus, Is.EqualTo(HttpStatusCode.Unauthorized), users);
        });
    }

    private static Task<IConnection> ConnectAsync(string user, string password, string virtualHost) =>
        new ConnectionFactory
        {
            HostName = Services.RabbitMqHost,
            Port = Services.RabbitMqPort,
            VirtualHost = virtualHost,
            UserName = user,
            Password = password,
            ClientProvidedName = "commerce-broker-access-specs",
        }.CreateConnectionAsync();

    private static async Task<(HttpStatusCode Status, string Body)> GetAsync(string path, string user, string password)
    {
        using var http = new HttpClient { BaseAddress = Services.RabbitMqManagementUrl, Timeout = TimeSpan.FromSeconds(10) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The tags of a <c>api/whoami</c> answer: a list since RabbitMQ 3.9, a comma-separated string before.</summary>
    private static string[] Tags(string whoami)
    {
        using var document = JsonDocument.Parse(whoami);
        var tags = document.RootElement.GetProperty("tags");
        return tags.ValueKind == JsonValueKind.Array
            ? [.. tags.EnumerateArray().Select(t => t.GetString() ?? string.Empty)]
            : tags.GetString()?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
    }

    private static IEnumerable<Exception> Chain(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            yield return e;
            if (e is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Chain))
                {
                    yield return inner;
                }
            }
        }
    }
}
