namespace Kz.MicroCredit.Identity;

/// <summary>How the SDK checks, at start-up, where per-borrower state is kept.</summary>
public sealed class StateStoreOptions
{
    /// <summary>
    /// Gets or sets a value indicating whether in-process (single-instance) stores are a start-up error in the
    /// Production environment. Without it they are a start-up warning: behind a load balancer they let a challenge,
    /// a code or a session started on one instance be unknown on the next, and multiply the attempt caps.
    /// </summary>
    /// <value>The default value is <see langword="false"/> (a warning).</value>
    public bool FailOnSingleInstanceStoresInProduction { get; set; }
}
