namespace Commerce.Bench.Chaos;

/// <summary>
/// One invariant's counts (the Jepsen categories the plan reuses) and a few examples of each. While
/// the system is still draining (the quiescence wait ended with the backlog still shrinking), what
/// is missing or unfinished may yet arrive: <see cref="Lost"/> and <see cref="Stuck"/> findings are
/// then counted as <see cref="DrainingCount"/>, not as violations; duplicates stay violations,
/// since no queued message can undo one.
/// </summary>
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

    /// <summary>Findings that the backlog left at the end may still resolve; not violations.</summary>
    public int DrainingCount { get; private set; }

    /// <summary>Set when the run ended still draining: see the class summary.</summary>
    public bool Draining { get; init; }

    /// <summary>Duplicates the plan allows (only I5 has any).</summary>
    public int Tolerated { get; init; }

    public IReadOnlyList<string> Examples => _examples;

    public int Violations => LostCount + Math.Max(0, DuplicatedCount - Tolerated) + StuckCount + OtherCount;

    public void Lost(string example) => Note(Draining ? () => DrainingCount++ : () => LostCount++, Tag(example));

    /// <summary>A loss no backlog can make good (a 202 without an order, a message dead-lettered).</summary>
    public void LostForGood(string example) => Note(() => LostCount++, example);

    public void Duplicated(string example) => Note(() => DuplicatedCount++, example);

    public void Stuck(string example) => Note(Draining ? () => DrainingCount++ : () => StuckCount++, Tag(example));

    public void Other(string example) => Note(() => OtherCount++, example);

    /// <summary>A mismatch a queued message may still correct (a capture whose saga step is queued, a refund on its way): recorded as <paramref name="record"/> only once drained.</summary>
    public void UnlessDraining(Action<string> record, string example)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (Draining)
        {
            Note(() => DrainingCount++, Tag(example));
        }
        else
        {
            record(example);
        }
    }

    public void StuckIf(long count, string what)
    {
        if (count > 0)
        {
            if (Draining)
            {
                DrainingCount += (int)count;
            }
            else
            {
                StuckCount += (int)count;
            }

            _examples.Add(Tag($"{count} {what}"));
        }
    }

    public void LostForGoodIf(long count, string what)
    {
        if (count > 0)
        {
            LostCount += (int)count;
            _examples.Add($"{count} {what}");
        }
    }

    private string Tag(string example) => Draining ? $"{example} (still draining)" : example;

    private void Note(Action count, string example)
    {
        count();
        if (_examples.Count < ExamplesKept)
        {
            _examples.Add(example);
        }
    }
}
