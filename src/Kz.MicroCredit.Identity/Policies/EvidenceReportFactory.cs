using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Kz.MicroCredit.Identity;

/// <summary>Builds evidence reports from a request and its method outcomes, applying <see cref="EvidenceReportOptions"/>.</summary>
public sealed class EvidenceReportFactory
{
    private readonly EvidenceReportOptions _options;
    private readonly TimeProvider _timeProvider;

    /// <summary>Initializes a new instance of the <see cref="EvidenceReportFactory"/> class.</summary>
    /// <param name="options">Personal-data options.</param>
    /// <param name="timeProvider">The clock.</param>
    public EvidenceReportFactory(IOptions<EvidenceReportOptions> options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _options = options.Value;
        _timeProvider = timeProvider;
    }

    /// <summary>Gets a factory with default options (masked values, no tokens) and the system clock.</summary>
    public static EvidenceReportFactory Default { get; } = new(Options.Create(new EvidenceReportOptions()), TimeProvider.System);

    /// <summary>Builds a report.</summary>
    /// <param name="request">The request.</param>
    /// <param name="policyName">The policy name.</param>
    /// <param name="status">The decision.</param>
    /// <param name="reasons">The decision's reasons.</param>
    /// <param name="outcomes">The method outcomes.</param>
    /// <returns>The report.</returns>
    public EvidenceReport Create(
        BorrowerIdentificationRequest request,
        string policyName,
        IdentificationStatus status,
        IReadOnlyList<ReasonCode> reasons,
        IReadOnlyList<MethodOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(policyName);
        ArgumentNullException.ThrowIfNull(reasons);
        ArgumentNullException.ThrowIfNull(outcomes);
        KzPhoneNumber? phone = request.PhoneNumber;
        return new EvidenceReport
        {
            ReportId = Guid.NewGuid().ToString("D"),
            CorrelationId = request.CorrelationId,
            Operation = OperationName(request.Operation),
            Policy = policyName,
            CreatedAt = _timeProvider.GetUtcNow(),
            Subject = new EvidenceSubject
            {
                IinMasked = request.Iin.ToString(),
                IinToken = Token("iin", request.Iin.Value),
                Iin = _options.IncludeClearIin ? request.Iin.Value : null,
                PhoneMasked = phone?.ToString(),
                PhoneToken = phone is { } p ? Token("phone", p.E164) : null,
            },
            Decision = new EvidenceDecision { Status = StatusName(status), Reasons = reasons.Select(r => r.Value).ToArray() },
            Methods = outcomes.Select(ToEntry).ToArray(),
        };
    }

    /// <summary>Gets the report's name of a status: <c>verified</c>, <c>rejected</c>, <c>indeterminate</c>, <c>not-applicable</c>.</summary>
    /// <param name="status">The status.</param>
    /// <returns>The name.</returns>
    public static string StatusName(IdentificationStatus status) => IdentificationStatusNames.Of(status);

    /// <summary>Gets the report's name of an operation, e.g. <c>agreement-signing</c>.</summary>
    /// <param name="operation">The operation.</param>
    /// <returns>The name.</returns>
    public static string OperationName(IdentificationOperation operation) => operation switch
    {
        IdentificationOperation.Registration => "registration",
        IdentificationOperation.AgreementSigning => "agreement-signing",
        IdentificationOperation.PhoneNumberChange => "phone-number-change",
        IdentificationOperation.IbanChange => "iban-change",
        IdentificationOperation.Payout => "payout",
        _ => "unknown",
    };

    private static EvidenceMethodEntry ToEntry(MethodOutcome o) => new()
    {
        Method = o.MethodId.Value,
        Status = StatusName(o.Status),
        Veto = o.IsVeto,
        Reasons = o.Reasons.Select(r => r.Value).ToArray(),
        StartedAt = o.StartedAt,
        CompletedAt = o.CompletedAt,
        Facts = o.Evidence.Facts,
        Digests = o.Evidence.Digests,
        Artifacts = o.Evidence.Artifacts
            .Select(a => new EvidenceArtifactEntry { Name = a.Name, MediaType = a.MediaType, ContentBase64 = Convert.ToBase64String(a.Content.Span) })
            .ToArray(),
    };

    private string? Token(string purpose, string value)
    {
        if (_options.SubjectTokenKey is not { } key)
        {
            return null;
        }

        // The purpose prefix keeps an IIN token and a phone token of equal digits apart.
        return Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(purpose + ":" + value)));
    }
}
