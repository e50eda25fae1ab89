using System.Security.Cryptography.X509Certificates;
using Kz.MicroCredit.Identity.Eds;
using Kz.MicroCredit.Identity.Http;
using Kz.MicroCredit.Identity.Signing;

namespace Kz.MicroCredit.Identity.PhoneOwnership;

/// <summary>
/// Options of the <c>egov-phone-ownership</c> method and its SmartBridge client. Bind from configuration
/// (<c>AddEGovPhoneOwnership(section)</c>) or set in code; validated at start-up. See docs/phone-ownership.md.
/// </summary>
public sealed class EGovPhoneOwnershipOptions
{
    /// <summary>Gets or sets the SmartBridge SyncChannel endpoint (HTTPS in production).</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>Gets or sets the sender id (login) issued by SmartBridge.</summary>
    public string? SenderId { get; set; }

    /// <summary>Gets or sets the sender password. Prefer <see cref="SenderPasswordEnvironmentVariable"/>; never logged.</summary>
    public string? SenderPassword { get; set; }

    /// <summary>Gets or sets the environment variable holding the sender password (used when <see cref="SenderPassword"/> is empty).</summary>
    public string? SenderPasswordEnvironmentVariable { get; set; }

    /// <summary>Gets or sets the lender's signing key (a legal-entity NCA key); wins over <see cref="SigningKeyPath"/>.</summary>
    public INcaSigner? Signer { get; set; }

    /// <summary>Gets or sets the path of the lender's NCA PKCS#12 key file (used when <see cref="Signer"/> is null).</summary>
    public string? SigningKeyPath { get; set; }

    /// <summary>Gets or sets the environment variable holding the key file's password.</summary>
    public string? SigningKeyPasswordEnvironmentVariable { get; set; }

    /// <summary>Gets or sets the gateway's certificate; when set, every answer must carry a valid WS-Security signature by it.</summary>
    public X509Certificate2? GatewayCertificate { get; set; }

    /// <summary>Gets or sets the path of the gateway's certificate (DER or PEM), used when <see cref="GatewayCertificate"/> is null.</summary>
    public string? GatewayCertificatePath { get; set; }

    /// <summary>Gets or sets the trust store the gateway certificate must chain to.</summary>
    /// <value>The default value is <see langword="null"/>: <see cref="NcaTrustStore.Production"/>.</value>
    public NcaTrustStore? GatewayTrustStore { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether unsigned answers are accepted when no gateway certificate is configured.
    /// </summary>
    /// <value>The default value is <see langword="false"/>: without a gateway certificate the options fail validation.</value>
    public bool AllowUnsignedResponses { get; set; }

    /// <summary>Gets or sets the proof mode.</summary>
    /// <value>The default value is <see cref="PhoneOwnershipMode.Direct"/>.</value>
    public PhoneOwnershipMode Mode { get; set; } = PhoneOwnershipMode.Direct;

    /// <summary>Gets or sets the service id of the direct check (not public: from your SmartBridge contract). Required in Direct mode.</summary>
    public string? DirectCheckServiceId { get; set; }

    /// <summary>Gets or sets the КДП service id.</summary>
    /// <value>The default value is <c>KDP_SERVICE</c>.</value>
    public string ConsentServiceId { get; set; } = "KDP_SERVICE";

    /// <summary>Gets or sets the service id that confirms a consent code and returns the registered number.</summary>
    /// <value>The default value is <c>KDP_SERVICE</c> (unconfirmed; see docs/phone-ownership.md).</value>
    public string ConsentConfirmationServiceId { get; set; } = "KDP_SERVICE";

    /// <summary>Gets or sets the КДП <c>access_name</c>.</summary>
    /// <value>The default value is <c>MCDB_SERVICE</c> (the mobile-citizens database).</value>
    public string ConsentAccessName { get; set; } = "MCDB_SERVICE";

    /// <summary>Gets or sets the lender's name sent in КДП requests. Required in Consent mode.</summary>
    public string? CompanyName { get; set; }

    /// <summary>Gets or sets the lender's BIN sent in КДП requests. Required in Consent mode.</summary>
    public string? CompanyBin { get; set; }

    /// <summary>Gets or sets the purpose text sent in КДП requests.</summary>
    /// <value>The default value is <c>База мобильных граждан</c>.</value>
    public string CompanyResponsible { get; set; } = "База мобильных граждан";

    /// <summary>Gets or sets the employee or system name sent in КДП requests.</summary>
    /// <value>The default value is <c>online-lending</c>.</value>
    public string EmployeeName { get; set; } = "online-lending";

    /// <summary>Gets or sets how long a consent (and its 1414 code) stays valid.</summary>
    /// <value>The default value is 5 minutes.</value>
    public TimeSpan ConsentLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Gets or sets how many codes a borrower may try per consent.</summary>
    /// <value>The default value is 3 (the regulation's attempt cap).</value>
    public int ConsentMaxAttempts { get; set; } = 3;

    /// <summary>Gets or sets the SmartBridge status codes that mean success.</summary>
    /// <value>The default value is <c>SCSS001</c>.</value>
    public IList<string> SuccessStatusCodes { get; } = ["SCSS001"];

    /// <summary>
    /// Gets or sets a value indicating whether an answer must echo the request's message id (in
    /// <c>responseInfo/messageId</c> or <c>responseInfo/correlationId</c>).
    /// </summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool RequireMessageIdEcho { get; set; } = true;

    /// <summary>
    /// Gets or sets the resilience of every SmartBridge call (configuration key <c>Resilience</c>). SmartBridge calls
    /// are POSTs without an idempotency key: a call is retried only when it failed before it was sent (connection
    /// refused, DNS); the breaker counts transport faults, timeouts and the gateway's 502/503/504.
    /// </summary>
    /// <value>
    /// The default value is a 30-second total timeout, a 15-second attempt timeout, 2 retries with a 200-millisecond
    /// backoff, and a breaker opening at a 0.5 failure ratio over at least 20 calls in 60 seconds, open for 15 seconds.
    /// </value>
    public RemoteCallOptions Resilience { get; set; } = new()
    {
        AttemptTimeout = TimeSpan.FromSeconds(15),
        Breaker = new() { MinimumThroughput = 20, SamplingDuration = TimeSpan.FromSeconds(60), BreakDuration = TimeSpan.FromSeconds(15) },
    };

    /// <summary>Gets or sets the largest answer accepted, in bytes.</summary>
    /// <value>The default value is 1 MiB.</value>
    public int MaxResponseBytes { get; set; } = 1024 * 1024;

    /// <inheritdoc />
    public override string ToString() => $"EGovPhoneOwnershipOptions {{ Endpoint = {Endpoint}, Mode = {Mode} }}";
}
