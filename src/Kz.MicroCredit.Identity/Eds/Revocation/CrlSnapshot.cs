namespace Kz.MicroCredit.Identity.Eds;

/// <summary>One CRL endpoint as held in memory: when the CRL in use was issued and is due, and the last failure.</summary>
internal sealed record CrlSnapshot(Uri Url, DateTimeOffset? ThisUpdate, DateTimeOffset? NextUpdate, ReasonCode? LastFailure);
