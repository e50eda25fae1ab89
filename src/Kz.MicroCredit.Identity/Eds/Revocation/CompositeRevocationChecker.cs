using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kz.MicroCredit.Identity.Eds;

/// <summary>
/// The revocation checker <c>AddNcaRevocation</c> registers: tries the sources of <see cref="RevocationOptions.Order"/>
/// (OCSP, CRL) for each certificate and stops at the first decisive answer (good or revoked). When none is decisive the
/// status is <see cref="RevocationStatus.Unknown"/> with the first failure's reason code (hard-fail), or
/// <see cref="RevocationStatus.NotChecked"/> with the code kept when <see cref="RevocationOptions.SoftFail"/> is on.
/// </summary>
internal sealed class CompositeRevocationChecker : ICertificateRevocationChecker
{
    private readonly IOptionsMonitor<RevocationOptions> _options;
    private readonly OcspClient _ocsp;
    private readonly HttpCrlSource _crls;
    private readonly TimeProvider _time;
    private readonly ILogger<CompositeRevocationChecker> _logger;
    private FileCrlSource? _files;

    public CompositeRevocationChecker(IOptionsMonitor<RevocationOptions> options, OcspClient ocsp, HttpCrlSource crls, TimeProvider timeProvider, ILogger<CompositeRevocationChecker> logger)
    {
        _options = options;
        _ocsp = ocsp;
        _crls = crls;
        _time = timeProvider;
        _logger = logger;
    }

    public async Task<RevocationCheckResult> CheckAsync(RevocationCheckRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        RevocationOptions o = _options.CurrentValue;
        RevocationIssuerOptions? pinned = o.FindIssuer(request.Issuer);
        var facts = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var artifacts = new List<EvidenceArtifact>();
        var failures = new List<ReasonCode>();
        string? firstSource = null;
        foreach (RevocationSource source in o.EffectiveOrder(pinned))
        {
            RevocationCheckResult? result = source switch
            {
                RevocationSource.Ocsp => await CheckOcspAsync(o, pinned, request, cancellationToken).ConfigureAwait(false),
                RevocationSource.Crl => await CheckCrlAsync(o, pinned, request, cancellationToken).ConfigureAwait(false),
                _ => null,
            };
            if (result is null)
            {
                continue;
            }

            firstSource ??= result.Source;
            foreach (KeyValuePair<string, string> fact in result.Facts)
            {
                facts[fact.Key] = fact.Value;
            }

            artifacts.AddRange(result.Artifacts);
            RevocationLog.Checked(_logger, result.Source, result.Status, result.Failure?.Value ?? "-");
            if (result.Status is RevocationStatus.Good or RevocationStatus.Revoked)
            {
                if (failures.Count > 0)
                {
                    facts[RevocationEvidenceKeys.RevocationFailures] = string.Join(",", failures);
                }

                return new RevocationCheckResult(result.Status, result.Source)
                {
                    RevokedAt = result.RevokedAt,
                    RevocationReason = result.RevocationReason,
                    Facts = facts,
                    Artifacts = artifacts,
                };
            }

            failures.Add(result.Failure ?? ReasonCode.InternalError);
        }

        if (failures.Count == 0)
        {
            failures.Add(ReasonCode.RevocationSourceNotConfigured);
        }

        facts[RevocationEvidenceKeys.RevocationFailures] = string.Join(",", failures);
        RevocationLog.NotEstablished(_logger, facts[RevocationEvidenceKeys.RevocationFailures], o.SoftFail);
        if (o.SoftFail)
        {
            facts[RevocationEvidenceKeys.RevocationSoftFail] = "true";
            return new RevocationCheckResult(RevocationStatus.NotChecked, firstSource ?? "none") { Failure = failures[0], Facts = facts, Artifacts = artifacts };
        }

        return new RevocationCheckResult(RevocationStatus.Unknown, firstSource ?? "none") { Failure = failures[0], Facts = facts, Artifacts = artifacts };
    }

    private async Task<RevocationCheckResult?> CheckOcspAsync(RevocationOptions o, RevocationIssuerOptions? pinned, RevocationCheckRequest request, CancellationToken cancellationToken)
    {
        Uri? url = pinned?.OcspUrl ?? o.OcspResponderUrl;
        return url is null ? null : await _ocsp.CheckAsync(request, url, cancellationToken).ConfigureAwait(false);
    }

    private async Task<RevocationCheckResult?> CheckCrlAsync(RevocationOptions o, RevocationIssuerOptions? pinned, RevocationCheckRequest request, CancellationToken cancellationToken)
    {
        bool online = pinned is not null && pinned.CrlUrls.Count + pinned.DeltaCrlUrls.Count > 0;
        if (!online && o.CrlFiles.Count == 0)
        {
            return null;
        }

        var lookup = new CrlLookup();
        if (o.CrlFiles.Count > 0)
        {
            FileCrlSource files = Files(o);
            Merge(lookup, files.Find(request.Issuer));
        }

        if (online)
        {
            Merge(lookup, await _crls.FindAsync(request.Issuer, pinned!, cancellationToken).ConfigureAwait(false));
        }

        return CrlEvaluator.Evaluate(lookup, request, _time.GetUtcNow(), o.ClockSkew);
    }

    private FileCrlSource Files(RevocationOptions o)
    {
        FileCrlSource? files = _files;
        if (files is null || !files.Paths.SequenceEqual(o.CrlFiles, StringComparer.Ordinal))
        {
            files = new FileCrlSource(o.CrlFiles);
            _files = files;
        }

        return files;
    }

    private static void Merge(CrlLookup into, CrlLookup from)
    {
        into.Bases.AddRange(from.Bases);
        into.Deltas.AddRange(from.Deltas);
        if (from.Failure is { } f)
        {
            into.Fail(f);
        }
    }
}
