namespace Commerce.Sandbox.SendGrid;

/// <summary>One page of the mail that matches a <see cref="MailQuery"/>, newest first, and how much matched in all.</summary>
internal sealed record MailListing(IReadOnlyList<SentMail> Items, int Total, int Page, int PageSize)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}
