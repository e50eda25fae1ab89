using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;

namespace Kz.MicroCredit.Identity.Eds;

/// <summary>The NCA endpoints of NCA-EDS.md §6, for <see cref="RevocationOptions.UseNcaProduction"/> and <see cref="RevocationOptions.UseNcaTest"/>.</summary>
public static class NcaRevocationEndpoints
{
    /// <summary>The production OCSP responder.</summary>
    public const string ProductionOcsp = "http://ocsp.pki.gov.kz/";

    /// <summary>The test OCSP responder.</summary>
    public const string TestOcsp = "http://test.pki.gov.kz/ocsp/";

    /// <summary>The production time-stamp authority.</summary>
    public const string ProductionTsa = "http://tsp.pki.gov.kz/";

    /// <summary>The test time-stamp authority.</summary>
    public const string TestTsa = "http://test.pki.gov.kz/tsp/";

    /// <summary>The folder of the production CRLs.</summary>
    public const string ProductionCrlBase = "http://crl.pki.gov.kz/";

    /// <summary>The folder of the test CRLs.</summary>
    public const string TestCrlBase = "http://test.pki.gov.kz/crl/";
}
