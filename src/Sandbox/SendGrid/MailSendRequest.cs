using System.Text.Json;
using System.Text.Json.Serialization;

namespace Commerce.Sandbox.SendGrid;

/// <summary>The parts of SendGrid's v3 mail/send body the sandbox reads (docs.sendgrid.com/api-reference/mail-send).</summary>
internal sealed record MailSendRequest(
    IReadOnlyList<Personalization>? Personalizations,
    EmailAddress? From,
    string? Subject,
    IReadOnlyList<MailContent>? Content,
    IReadOnlyDictionary<string, string>? CustomArgs,
    IReadOnlyList<string>? Categories,
    string? TemplateId)
{
    /// <summary>SendGrid's wire format: snake_case (<c>custom_args</c>, <c>template_id</c>).</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.Strict,
    };

    /// <summary>SendGrid's own checks, in its words, keyed by the field they concern.</summary>
    public IReadOnlyList<SendGridError> Validate()
    {
        var errors = new List<SendGridError>();
        if (Personalizations is not { Count: > 0 })
        {
            errors.Add(new("The personalizations field is required and must have at least one personalization.", "personalizations"));
        }
        else if (Personalizations.Any(p => p.To is not { Count: > 0 } || p.To.Any(a => string.IsNullOrWhiteSpace(a.Email))))
        {
            errors.Add(new("The to array is required for all personalization objects, and must have at least one email object with a valid email address.", "personalizations.0.to"));
        }

        if (string.IsNullOrWhiteSpace(From?.Email))
        {
            errors.Add(new("The from object must be provided for every email send. It is an object that requires the email parameter, but may also contain a name parameter.", "from"));
        }

        if (TemplateId is null && string.IsNullOrEmpty(Subject) && Personalizations?.Any(p => string.IsNullOrEmpty(p.Subject)) != false)
        {
            errors.Add(new("The subject is required. You can get around this requirement if you use a template with a subject defined or if every personalization has a subject defined.", "subject"));
        }

        if (TemplateId is null && (Content is not { Count: > 0 } || Content.Any(c => string.IsNullOrEmpty(c.Type) || c.Value is null)))
        {
            errors.Add(new("Unless a valid template_id is provided, the content parameter is required. There must be at least one defined content block.", "content"));
        }

        return errors;
    }
}
