namespace Commerce.Bench.Chaos;

/// <summary>One invariant's counts (the Jepsen categories the plan reuses) and a few examples of each.</summary>
public sealed class InvariantResult(string id, string description)
{
    private const int ExamplesKept = 5;
    private readonly List<string> _examples = [];

    public string Id { get; } = id;

    public string Description { get; } = description;

    public int LostCount { get; private set; }

    public int DuplicatedCount { get; private set; }

    public int StuckCount { get; private set; }

    public int OtherCount { get; private set; }

    /// <summary>Duplicates the plan allows (only I5 has any).</summary>
    public int Tolerated { get; init; }

    public IReadOnlyList<string> Examples => _examples;

    public int Violations => LostCount + Math.Max(0, DuplicatedCount - Tolerated) + StuckCount + OtherCount;

    public void Lost(string example) => Note(() => LostCount++, example);

    public void Duplicated(string example) => Note(() => DuplicatedCount++, example);

    public void Stuck(string example) => Note(() => StuckCount++, example);

    public void Other(string example) => Note(() => OtherCount++, example);

    public void StuckIf(long count, string what)
    {
        if (count > 0)
        {
            StuckCount += (int)count;
            _examples.Add($"{count} {what}");
        }
    }

    public void LostIf(long count, string what)
    {
        if (count > 0)
        {
            LostCount += (int)count;
            _examples.Add($"{count} {what}");
        }
    }

    private void Note(Action count, string example)
    {
        count();
        if (_examples.Count < ExamplesKept)
        {
            _examples.Add(example);
        }
    }
}
