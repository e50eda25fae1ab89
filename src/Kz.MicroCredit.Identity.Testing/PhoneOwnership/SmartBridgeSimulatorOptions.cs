using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Xml;
using Kz.MicroCredit.Identity.Eds;
using Kz.MicroCredit.Identity.PhoneOwnership;
using Kz.MicroCredit.Identity.Signing;
using Kz.MicroCredit.Identity.Testing.Hosting;
using Kz.MicroCredit.Identity.Testing.Pki;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Kz.MicroCredit.Identity.Testing.PhoneOwnership;

/// <summary>Options of <see cref="SmartBridgeSimulator"/>.</summary>
public sealed class SmartBridgeSimulatorOptions
{
    /// <summary>Gets or sets the sandbox PKI: requests must be signed by keys it issued; it issues the gateway key.</summary>
    public required SandboxPki Pki { get; set; }

    /// <summary>Gets or sets the service id of the direct check.</summary>
    /// <value>The default value is <c>SANDBOX_PHONE_CHECK</c>.</value>
    public string DirectCheckServiceId { get; set; } = "SANDBOX_PHONE_CHECK";

    /// <summary>Gets or sets the КДП service id.</summary>
    /// <value>The default value is <c>KDP_SERVICE</c>.</value>
    public string ConsentServiceId { get; set; } = "KDP_SERVICE";

    /// <summary>Gets or sets the confirmation service id.</summary>
    /// <value>The default value is <c>KDP_SERVICE</c>.</value>
    public string ConsentConfirmationServiceId { get; set; } = "KDP_SERVICE";

    /// <summary>Gets or sets the expected sender id; <see langword="null"/> accepts any sender.</summary>
    public string? SenderId { get; set; }

    /// <summary>Gets or sets the expected sender password (checked with <see cref="SenderId"/>).</summary>
    public string? SenderPassword { get; set; }

    /// <summary>Gets or sets a value indicating whether unsigned or badly signed requests are refused.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool RequireSignedRequests { get; set; } = true;

    /// <summary>
    /// Gets or sets a value indicating whether answers name the gateway key by issuer and serial only (as real gateway
    /// answers do), so the client needs the gateway certificate from its options.
    /// </summary>
    public bool IssuerSerialKeyInfo { get; set; }

    /// <summary>Gets or sets a value indicating whether payloads are sent as escaped inner XML (as some services do).</summary>
    public bool EscapePayloads { get; set; }
}
