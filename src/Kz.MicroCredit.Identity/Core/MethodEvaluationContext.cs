using System.Diagnostics;
using Kz.MicroCredit.Identity.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kz.MicroCredit.Identity;

/// <summary>What a method sees while it evaluates one request.</summary>
public sealed class MethodEvaluationContext
{
    internal MethodEvaluationContext(BorrowerIdentificationRequest request, MethodEvidenceBuilder evidence, TimeProvider timeProvider)
    {
        Request = request;
        Evidence = evidence;
        TimeProvider = timeProvider;
    }

    /// <summary>Gets the request.</summary>
    public BorrowerIdentificationRequest Request { get; }

    /// <summary>Gets the evidence builder for the report.</summary>
    public MethodEvidenceBuilder Evidence { get; }

    /// <summary>Gets the clock.</summary>
    public TimeProvider TimeProvider { get; }
}
