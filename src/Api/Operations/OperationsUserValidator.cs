using Commerce.Messaging.Configuration;
using Microsoft.Extensions.Options;

namespace Commerce.Api.Operations;

/// <summary>
/// The dead-letter endpoints act as the operations user, so the Api stops at start without one, or
/// when it is the hosts' own user: that user has no management tag and must not need one (docs/adr/0033).
/// </summary>
internal sealed class OperationsUserValidator : IValidateOptions<RabbitMqOptions>
{
    public ValidateOptionsResult Validate(string? name, RabbitMqOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.ManagementUsername))
        {
            return ValidateOptionsResult.Fail("RabbitMq:ManagementUsername is required: the operations user of the dead-letter endpoints");
        }

        if (string.IsNullOrEmpty(options.ManagementPassword))
        {
            return ValidateOptionsResult.Fail("RabbitMq:ManagementPassword is required: the password of RabbitMq:ManagementUsername");
        }

        return string.Equals(options.ManagementUsername, options.Username, StringComparison.Ordinal)
            ? ValidateOptionsResult.Fail("RabbitMq:ManagementUsername must not be RabbitMq:Username: the hosts' user has no management rights")
            : ValidateOptionsResult.Success;
    }
}
