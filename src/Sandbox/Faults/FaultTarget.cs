namespace Commerce.Sandbox.Faults;

/// <summary>The stand-ins whose failures can be switched on; the route segment of <c>/sandbox/faults/{target}</c>.</summary>
internal enum FaultTarget
{
    Stripe,
    SendGrid,
    Warehouse,
}
