using Kz.MicroCredit.Identity.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using System.Diagnostics;

namespace Kz.MicroCredit.Identity;

/// <summary>
/// Evaluates an <see cref="IdentificationPolicy"/> over registered methods; a composed policy is itself an
/// <see cref="IBorrowerIdentifier"/>.
/// </summary>
/// <remarks>
/// Semantics (docs/policies.md): requirements in declared order; within one, methods in declared order until one
/// verifies. A veto rejects the whole policy at once. A requirement with a Verified method is met; else one with an
/// Indeterminate method is Indeterminate; else one with a Rejected method is Rejected; else (nothing applicable) it is
/// Rejected with <see cref="ReasonCode.EvidenceMissing"/>, unless optional. Evaluation stops at the first requirement
/// that is not met, so no further (paid) remote call is made. Indeterminate never becomes Verified.
/// </remarks>
public sealed class PolicyBorrowerIdentifier : IBorrowerIdentifier
{
    private readonly IdentificationPolicy _policy;
    private readonly Dictionary<IdentificationMethodId, IIdentificationMethod> _methods;
    private readonly EvidenceReportFactory _reports;
    private readonly ILogger _logger;

    /// <summary>Initializes a new instance of the <see cref="PolicyBorrowerIdentifier"/> class.</summary>
    /// <param name="policy">The policy.</param>
    /// <param name="methods">The available methods; every method of a mandatory requirement must be among them.</param>
    /// <param name="reports">The report factory.</param>
    /// <param name="logger">The logger.</param>
    /// <exception cref="IdentificationConfigurationException">A mandatory method is missing, or two methods share an id.</exception>
    public PolicyBorrowerIdentifier(IdentificationPolicy policy, IEnumerable<IIdentificationMethod> methods, EvidenceReportFactory reports, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(methods);
        ArgumentNullException.ThrowIfNull(reports);
        _policy = policy;
        _reports = reports;
        _logger = logger ?? NullLogger.Instance;
        _methods = [];
        foreach (IIdentificationMethod method in methods)
        {
            if (!_methods.TryAdd(method.Id, method))
            {
                throw new IdentificationConfigurationException($"Two identification methods are registered with id '{method.Id}'.");
            }
        }

        foreach (IdentificationRequirement requirement in policy.Requirements.Where(r => !r.IsOptional))
        {
            foreach (IdentificationMethodId id in requirement.AnyOf.Where(id => !_methods.ContainsKey(id)))
            {
                throw new IdentificationConfigurationException($"Policy '{policy.Name}' requires method '{id}', which is not registered.");
            }
        }
    }

    /// <summary>Gets the policy.</summary>
    public IdentificationPolicy Policy => _policy;

    /// <inheritdoc />
    public async Task<IdentificationResult> IdentifyAsync(BorrowerIdentificationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        using Activity? activity = IdentificationDiagnostics.ActivitySource.StartActivity("kzid.identify");
        activity?.SetTag("kzid.policy", _policy.Name);
        string operation = EvidenceReportFactory.OperationName(request.Operation);
        activity?.SetTag("kzid.operation", operation);
        Log.IdentificationStarted(_logger, request.CorrelationId, _policy.Name, operation);
        long startTicks = Stopwatch.GetTimestamp();

        var outcomes = new List<MethodOutcome>();
        var reasons = new List<ReasonCode>();
        IdentificationStatus decision = IdentificationStatus.Verified;

        foreach (IdentificationRequirement requirement in _policy.Requirements)
        {
            (IdentificationStatus status, bool veto) = await EvaluateRequirementAsync(requirement, request, outcomes, reasons, cancellationToken).ConfigureAwait(false);
            if (veto)
            {
                decision = IdentificationStatus.Rejected;
                AddOnce(reasons, ReasonCode.VetoFound);
                break;
            }

            if (status != IdentificationStatus.Verified)
            {
                decision = status;
                AddOnce(reasons, ReasonCode.RequirementNotMet);
                break;
            }
        }

        EvidenceReport report = _reports.Create(request, _policy.Name, decision, reasons, outcomes);
        string statusName = EvidenceReportFactory.StatusName(decision);
        activity?.SetTag("kzid.status", statusName);
        string reason = ReasonTags.Of(reasons);
        if (decision == IdentificationStatus.Indeterminate)
        {
            activity?.SetStatus(ActivityStatusCode.Error, reason);
        }

        if (reasons.Contains(ReasonCode.VetoFound))
        {
            MethodOutcome? vetoing = outcomes.LastOrDefault(o => o.IsVeto);
            activity?.AddEvent(new ActivityEvent("kzid.veto", tags: new ActivityTagsCollection
            {
                { "kzid.method", vetoing?.MethodId.Value },
                { "kzid.reason", vetoing is null ? "none" : ReasonTags.Of(vetoing.Reasons) },
            }));
        }

        var tags = new TagList { { "kzid.policy", _policy.Name }, { "kzid.operation", operation }, { "kzid.status", statusName }, { "kzid.reason", reason } };
        IdentificationDiagnostics.Decisions.Add(1, tags);
        IdentificationDiagnostics.IdentificationDuration.Record(Stopwatch.GetElapsedTime(startTicks).TotalSeconds, tags);
        Log.IdentificationDecided(_logger, request.CorrelationId, _policy.Name, statusName, string.Join(",", reasons));
        return new IdentificationResult(decision, reasons.ToArray(), outcomes.ToArray(), report);
    }

    private async Task<(IdentificationStatus Status, bool Veto)> EvaluateRequirementAsync(
        IdentificationRequirement requirement,
        BorrowerIdentificationRequest request,
        List<MethodOutcome> outcomes,
        List<ReasonCode> reasons,
        CancellationToken cancellationToken)
    {
        bool anyIndeterminate = false;
        bool anyRejected = false;
        var requirementReasons = new List<ReasonCode>();
        foreach (IdentificationMethodId id in requirement.AnyOf)
        {
            // A method already evaluated for an earlier requirement is not called twice (remote calls cost money).
            MethodOutcome? outcome = outcomes.Find(o => o.MethodId == id);
            if (outcome is null)
            {
                if (!_methods.TryGetValue(id, out IIdentificationMethod? method))
                {
                    continue; // Only possible in an optional requirement: an unregistered optional method is not applicable.
                }

                outcome = await method.EvaluateAsync(request, cancellationToken).ConfigureAwait(false);
                outcomes.Add(outcome);
            }

            switch (outcome.Status)
            {
                case IdentificationStatus.Verified:
                    return (IdentificationStatus.Verified, false);
                case IdentificationStatus.Rejected when outcome.IsVeto:
                    reasons.AddRange(outcome.Reasons.Where(r => !reasons.Contains(r)));
                    return (IdentificationStatus.Rejected, true);
                case IdentificationStatus.Rejected:
                    anyRejected = true;
                    requirementReasons.AddRange(outcome.Reasons);
                    break;
                case IdentificationStatus.Indeterminate:
                    anyIndeterminate = true;
                    requirementReasons.AddRange(outcome.Reasons);
                    break;
            }
        }

        foreach (ReasonCode r in requirementReasons)
        {
            AddOnce(reasons, r);
        }

        if (anyIndeterminate)
        {
            return (IdentificationStatus.Indeterminate, false);
        }

        if (anyRejected)
        {
            return (IdentificationStatus.Rejected, false);
        }

        if (requirement.IsOptional)
        {
            return (IdentificationStatus.Verified, false);
        }

        AddOnce(reasons, ReasonCode.EvidenceMissing);
        return (IdentificationStatus.Rejected, false);
    }

    private static void AddOnce(List<ReasonCode> list, ReasonCode code)
    {
        if (!list.Contains(code))
        {
            list.Add(code);
        }
    }
}
