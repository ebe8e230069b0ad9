namespace Commerce.Search;

/// <summary>HTML-encoded fragments with the matches in &lt;em&gt;: safe to render, since product text is encoded.</summary>
public sealed record ProductHighlight(IReadOnlyList<string> Name, IReadOnlyList<string> Description);
