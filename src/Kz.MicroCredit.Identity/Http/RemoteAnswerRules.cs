namespace Kz.MicroCredit.Identity.Http;

/// <summary>What a client requires of an answer before its body counts as a value (<see cref="RemoteHttpCall"/>).</summary>
[Flags]
internal enum RemoteAnswerRules
{
    /// <summary>Any 2xx answer, any media type, an empty body allowed.</summary>
    None = 0,

    /// <summary>The answer must be JSON (<c>application/json</c> or <c>+json</c>); otherwise <c>content-type</c>.</summary>
    RequireJson = 1,

    /// <summary>The answer must have a body; otherwise <c>empty</c>.</summary>
    RequireBody = 2,

    /// <summary>A 500 answer's body is read too (SOAP carries its faults in a 500).</summary>
    ReadServerErrorBody = 4,
}
