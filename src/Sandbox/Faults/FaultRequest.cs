namespace Commerce.Sandbox.Faults;

/// <summary>The body of <c>PUT /sandbox/faults/{target}</c>; omitted rates mean "always" for the mode and "never" otherwise.</summary>
internal sealed record FaultRequest(
    string? Mode,
    double? ErrorRate,
    double? TimeoutSeconds,
    double? TimeoutRate,
    double? DropAfterCommitRate)
{
    private const double MaxTimeoutSeconds = 300;

    /// <summary>The settings this asks for, or the errors keyed by field (camelCase, as the body).</summary>
    public (FaultSettings? Settings, Dictionary<string, string[]> Errors) Validate(FaultTarget target)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var mode = FaultMode.None;
        if (Mode is not null && !TryParseMode(Mode, out mode))
        {
            errors["mode"] = ["must be one of none, error, timeout, down"];
        }

        CheckRate(ErrorRate, "errorRate", errors);
        CheckRate(TimeoutRate, "timeoutRate", errors);
        CheckRate(DropAfterCommitRate, "dropAfterCommitRate", errors);
        if (TimeoutSeconds is < 0 or > MaxTimeoutSeconds || TimeoutSeconds is double seconds && double.IsNaN(seconds))
        {
            errors["timeoutSeconds"] = [$"must be between 0 and {MaxTimeoutSeconds}"];
        }

        // Only Stripe stores a result under an idempotency key, so only there can a response be lost after the commit.
        if (DropAfterCommitRate > 0 && target != FaultTarget.Stripe)
        {
            errors["dropAfterCommitRate"] = ["applies to stripe only"];
        }

        var errorRate = ErrorRate ?? (mode == FaultMode.None ? 0 : 1);
        if (errors.Count == 0 && errorRate + (TimeoutRate ?? 0) > 1)
        {
            errors["timeoutRate"] = ["errorRate + timeoutRate must not exceed 1"];
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        return (new FaultSettings(
            mode,
            mode == FaultMode.None ? 0 : errorRate,
            TimeoutSeconds ?? FaultSettings.DefaultTimeoutSeconds,
            TimeoutRate ?? 0,
            DropAfterCommitRate ?? 0), errors);
    }

    // Names only: Enum.TryParse would also take "2" or " Error".
    private static bool TryParseMode(string value, out FaultMode mode)
    {
        foreach (var candidate in Enum.GetValues<FaultMode>())
        {
            if (string.Equals(candidate.ToString(), value, StringComparison.OrdinalIgnoreCase))
            {
                mode = candidate;
                return true;
            }
        }

        mode = FaultMode.None;
        return false;
    }

    private static void CheckRate(double? rate, string field, Dictionary<string, string[]> errors)
    {
        if (rate is double value && !(value is >= 0 and <= 1))
        {
            errors[field] = ["must be between 0 and 1"];
        }
    }
}
