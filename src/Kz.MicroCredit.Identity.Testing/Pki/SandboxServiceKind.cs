using Kz.MicroCredit.Identity.Cryptography;

namespace Kz.MicroCredit.Identity.Testing.Pki;

/// <summary>The kinds of service certificates a <see cref="SandboxPki"/> issues for simulators.</summary>
public enum SandboxServiceKind
{
    /// <summary>An OCSP responder (EKU OCSPSigning, id-pkix-ocsp-nocheck).</summary>
    OcspResponder = 1,

    /// <summary>A time-stamping authority (critical EKU timeStamping).</summary>
    TimeStampingAuthority = 2,

    /// <summary>An information system / server (legal-entity role 1.2.398.3.3.4.1.2.6), e.g. a SmartBridge client.</summary>
    InformationSystem = 3,
}
