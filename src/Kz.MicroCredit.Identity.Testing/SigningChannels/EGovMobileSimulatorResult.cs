namespace Kz.MicroCredit.Identity.Testing.SigningChannels;

/// <summary>What the <see cref="EGovMobileSimulator"/> saw.</summary>
/// <param name="Step">The last protocol step taken: <c>api1</c>, <c>api2-get</c> or <c>api2-put</c>.</param>
/// <param name="StatusCode">The HTTP status of that step (the first answer's, when several were sent).</param>
/// <param name="Message">The <c>message</c> of an error body, if any.</param>
/// <param name="AnswerStatusCodes">The HTTP statuses of every answer (PUT) sent, in order of sending.</param>
/// <param name="SignMethod">The <c>signMethod</c> the service asked for, once API 2 was read.</param>
/// <param name="Served">The JSON documents API 2 served, once read.</param>
/// <param name="Answer">The JSON answer body built from the signed documents (sent unless the fault replaced it), once signed.</param>
public sealed record EGovMobileSimulatorResult(string Step, int StatusCode, string? Message, IReadOnlyList<int> AnswerStatusCodes, string? SignMethod, string? Served = null, string? Answer = null)
{
    /// <summary>Gets a value indicating whether the service accepted the (first) answer.</summary>
    public bool Accepted => Step == "api2-put" && StatusCode == 200;
}
