namespace Kz.MicroCredit.Identity.Http;

/// <summary>Why an answer was refused before any client parsed it.</summary>
internal enum RemoteResponseFault
{
    /// <summary>The body (declared or received) is larger than the service's cap.</summary>
    TooLarge,

    /// <summary>A 3xx answer: no client follows redirects (endpoints are pinned; another origin is never trusted).</summary>
    Redirect,

    /// <summary>The body breaks the expected structure while it arrives (e.g. a CRL that is not DER).</summary>
    Malformed,
}

/// <summary>
/// An answer refused by <see cref="BoundedResponseHandler"/>. Not a transient failure: the resilience pipeline neither
/// retries it nor counts it against the circuit breaker. Its message is fixed text, never the answer.
/// </summary>
internal sealed class RemoteResponseException : Exception
{
    public RemoteResponseException()
        : this(RemoteResponseFault.Malformed)
    {
    }

    public RemoteResponseException(string message)
        : base(message)
    {
    }

    public RemoteResponseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public RemoteResponseException(RemoteResponseFault fault)
        : base("The remote answer was refused: " + fault.ToString() + ".")
    {
        Fault = fault;
    }

    /// <summary>Gets the fault.</summary>
    public RemoteResponseFault Fault { get; }

    /// <summary>Gets a short token for logs and evidence (<c>too-large</c>, <c>redirect</c>, <c>malformed</c>).</summary>
    public string Token => Fault switch
    {
        RemoteResponseFault.TooLarge => "too-large",
        RemoteResponseFault.Redirect => "redirect",
        _ => "malformed",
    };
}
