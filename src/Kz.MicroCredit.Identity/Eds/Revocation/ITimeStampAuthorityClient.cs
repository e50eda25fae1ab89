using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Tsp;

namespace Kz.MicroCredit.Identity.Eds;

/// <summary>Requests RFC 3161 time-stamp tokens from the pinned TSA (e.g. NCA's) for the MFO's own evidence.</summary>
public interface ITimeStampAuthorityClient
{
    /// <summary>Time-stamps data: sends its SHA-256 imprint with a fresh nonce and checks the answer matches the request.</summary>
    /// <param name="data">The data (e.g. a sealed evidence report).</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The token, or why there is none.</returns>
    Task<TimeStampResult> TimeStampAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default);
}
