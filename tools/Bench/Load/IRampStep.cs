namespace Commerce.Bench.Load;

/// <summary>What the knee rule needs of a step: the rate offered, and whether the system kept up with it.</summary>
public interface IRampStep
{
    double OfferedPerSecond { get; }

    bool KeptUp { get; }
}
