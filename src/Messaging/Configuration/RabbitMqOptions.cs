using System.ComponentModel.DataAnnotations;

namespace Commerce.Messaging.Configuration;

/// <summary>Where the broker is. Bound from the <c>RabbitMq</c> section (env: <c>RabbitMq__Host</c>, …).</summary>
public sealed class RabbitMqOptions
{
    public const string SectionName = "RabbitMq";

    [Required]
    public string Host { get; set; } = "localhost";

    [Range(1, 65535)]
    public int Port { get; set; } = 5672;

    /// <summary>RabbitMQ's default virtual host unless the host names its own.</summary>
    [Required]
    public string VirtualHost { get; set; } = "/";

    /// <summary>The hosts' AMQP user: permissions on <see cref="VirtualHost"/> only, no management tag.</summary>
    [Required]
    public string Username { get; set; } = string.Empty;

    [Required]
    public string Password { get; set; } = string.Empty;

    /// <summary>The management plugin's HTTP API, used by ops tooling (status, dead letters).</summary>
    [Required, Url]
    public string ManagementUrl { get; set; } = "http://localhost:15672";

    /// <summary>
    /// The operations user (the <c>management</c> tag and permissions on <see cref="VirtualHost"/>) that
    /// reads the management API and moves dead letters. Separate from <see cref="Username"/> so the
    /// hosts' user needs no tag; the Api requires it, the Workers never use it.
    /// </summary>
    public string? ManagementUsername { get; set; }

    public string? ManagementPassword { get; set; }

    /// <summary>How many unacknowledged messages each receive endpoint holds at once.</summary>
    [Range(1, 1000)]
    public ushort PrefetchCount { get; set; } = 16;

    /// <summary>
    /// The largest message body a receive endpoint takes; a larger one goes to the queue's <c>_error</c>
    /// unread (<see cref="InboundMessageGuard"/>). The system's own messages are a few KiB.
    /// </summary>
    [Range(1024, 16 * 1024 * 1024)]
    public int MaxMessageBytes { get; set; } = 256 * 1024;
}
