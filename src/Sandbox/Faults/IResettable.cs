namespace Commerce.Sandbox.Faults;

/// <summary>Something the sandbox remembers that <c>POST /sandbox/reset</c> forgets.</summary>
internal interface IResettable
{
    void Reset();
}
