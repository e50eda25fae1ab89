using System.Buffers;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Kz.MicroCredit.Identity.RealTimePhoto;

/// <summary>
/// The reference wire contract of <see cref="HttpLivenessProvider"/> (docs/realtime-photo.md): JSON over HTTPS,
/// create session → hosted flow or SDK → webhook and/or poll → face match. To speak another vendor's dialect, derive
/// and override, and register the subclass as <see cref="LivenessWireBinding"/> in DI.
/// </summary>
/// <remarks>Parsers throw <see cref="LivenessProviderException"/> with <see cref="LivenessProviderErrorKind.Protocol"/> for anything off-contract.</remarks>
internal class LivenessWireBinding
{
    /// <summary>Gets the name of the webhook signature header.</summary>
    public const string SignatureHeader = "X-Kzid-Signature";

    /// <summary>Gets the name of the idempotency header the provider must honour for POSTs.</summary>
    public const string IdempotencyHeader = "Idempotency-Key";

    private const int MaxJsonDepth = 16;

    /// <summary>Builds the session creation request: <c>POST v1/liveness/sessions</c>.</summary>
    /// <param name="request">The session parameters.</param>
    /// <returns>The HTTP request (relative URI).</returns>
    public virtual HttpRequestMessage CreateSessionRequest(LivenessSessionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        byte[] body = Json(w =>
        {
            w.WriteString("externalRef", request.SessionId);
            w.WriteString("nonce", request.Nonce);
            w.WriteStartArray("commands");
            foreach (LivenessCommand c in request.Commands)
            {
                w.WriteStringValue(RealTimePhotoMethod.CommandName(c));
            }

            w.WriteEndArray();
            w.WriteNumber("maxAttempts", request.MaxAttempts);
            w.WriteString("expiresAt", request.ExpiresAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
            w.WriteString("reference", RealTimePhotoMethod.SourceName(request.ReferenceSource));
            if (request.SubjectIin is { HasValue: true } iin)
            {
                w.WriteStartObject("subject");
                w.WriteString("iin", iin.Value);
                w.WriteEndObject();
            }
        });
        return Post("v1/liveness/sessions", body, request.SessionId);
    }

    /// <summary>Parses the creation answer: <c>{"sessionId": "...", "flowUrl": "https://...", "sdkToken": "..."}</c>.</summary>
    /// <param name="body">The body.</param>
    /// <returns>The handle.</returns>
    public virtual LivenessSessionHandle ParseCreateSession(ReadOnlyMemory<byte> body) => Parse(body, root =>
    {
        string id = RequiredId(root, "sessionId");
        Uri? flow = null;
        if (OptionalString(root, "flowUrl") is { } text && (!Uri.TryCreate(text, UriKind.Absolute, out flow) || (flow.Scheme != Uri.UriSchemeHttps && flow.Scheme != Uri.UriSchemeHttp)))
        {
            throw Protocol();
        }

        return new LivenessSessionHandle(id, flow, OptionalString(root, "sdkToken"));
    });

    /// <summary>Builds the result poll: <c>GET v1/liveness/sessions/{id}</c>.</summary>
    /// <param name="providerSessionId">The provider session id.</param>
    /// <returns>The request.</returns>
    public virtual HttpRequestMessage ResultRequest(string providerSessionId) =>
        new(HttpMethod.Get, new Uri("v1/liveness/sessions/" + Uri.EscapeDataString(providerSessionId), UriKind.Relative));

    /// <summary>Parses a result (the poll answer, or the <c>result</c> object of a webhook).</summary>
    /// <param name="body">The body.</param>
    /// <returns>The result.</returns>
    public virtual LivenessResult ParseResult(ReadOnlyMemory<byte> body) => Parse(body, root => ReadResult(root, body));

    /// <summary>Builds the face match: <c>POST v1/liveness/sessions/{id}/match</c>.</summary>
    /// <param name="request">What to compare.</param>
    /// <returns>The request.</returns>
    public virtual HttpRequestMessage MatchRequest(FaceMatchRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        byte[] body = Json(w =>
        {
            if (request.FrameId is not null)
            {
                w.WriteString("frameId", request.FrameId);
            }

            w.WriteStartObject("reference");
            w.WriteString("source", RealTimePhotoMethod.SourceName(request.ReferenceSource));
            if (request.SubjectIin is { HasValue: true } iin)
            {
                w.WriteString("iin", iin.Value);
            }

            if (!request.ReferencePhoto.IsEmpty)
            {
                w.WriteBase64String("image", request.ReferencePhoto.Span);
            }

            w.WriteEndObject();
        });
        return Post("v1/liveness/sessions/" + Uri.EscapeDataString(request.ProviderSessionId) + "/match", body, request.SessionId + ":match");
    }

    /// <summary>Parses the match answer: <c>{"matchId": "...", "score": 0.93, "frameId": "...", "referenceSource": "state-photo"}</c>.</summary>
    /// <param name="body">The body.</param>
    /// <returns>The result.</returns>
    public virtual FaceMatchResult ParseMatch(ReadOnlyMemory<byte> body) => Parse(body, root =>
    {
        if (!root.TryGetProperty("score", out JsonElement score) || score.ValueKind != JsonValueKind.Number)
        {
            throw Protocol();
        }

        FaceReferenceSource? source = null;
        if (OptionalString(root, "referenceSource") is { } s)
        {
            source = ParseSource(s) ?? throw Protocol();
        }

        return new FaceMatchResult
        {
            MatchId = OptionalString(root, "matchId"),
            Score = score.GetDouble(),
            FrameId = OptionalString(root, "frameId"),
            ReferenceSource = source,
            Raw = body.ToArray(),
        };
    });

    /// <summary>
    /// Verifies <c>X-Kzid-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA-256 of "t.rawBody"&gt;</c> in constant time;
    /// several <c>v1</c> values (key rotation) are allowed.
    /// </summary>
    /// <param name="rawBody">The exact bytes received.</param>
    /// <param name="header">The header value.</param>
    /// <param name="secret">The shared secret.</param>
    /// <param name="now">Now.</param>
    /// <param name="tolerance">The allowed distance of the timestamp from now.</param>
    /// <returns>The check.</returns>
    public virtual WebhookSignatureCheck VerifyWebhookSignature(ReadOnlySpan<byte> rawBody, string? header, ReadOnlySpan<byte> secret, DateTimeOffset now, TimeSpan tolerance)
    {
        if (string.IsNullOrEmpty(header) || header.Length > 1024 || secret.IsEmpty)
        {
            return WebhookSignatureCheck.Invalid;
        }

        long? timestamp = null;
        var signatures = new List<byte[]>();
        foreach (string part in header.Split(','))
        {
            string item = part.Trim();
            if (item.StartsWith("t=", StringComparison.Ordinal) && long.TryParse(item.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out long t))
            {
                timestamp = t;
            }
            else if (item.StartsWith("v1=", StringComparison.Ordinal) && item.Length == 3 + 64)
            {
                try
                {
                    signatures.Add(Convert.FromHexString(item.AsSpan(3)));
                }
                catch (FormatException)
                {
                    return WebhookSignatureCheck.Invalid;
                }
            }
        }

        if (timestamp is null || signatures.Count == 0)
        {
            return WebhookSignatureCheck.Invalid;
        }

        byte[] expected = ComputeSignature(rawBody, secret, timestamp.Value);
        bool any = false;
        foreach (byte[] candidate in signatures)
        {
            any |= CryptographicOperations.FixedTimeEquals(expected, candidate);
        }

        if (!any)
        {
            return WebhookSignatureCheck.Invalid;
        }

        long nowSeconds = now.ToUnixTimeSeconds();
        return Math.Abs(nowSeconds - timestamp.Value) > (long)tolerance.TotalSeconds ? WebhookSignatureCheck.OutOfWindow : WebhookSignatureCheck.Valid;
    }

    /// <summary>Parses a webhook body: <c>{"eventId": "...", "type": "liveness.session.updated", "result": { …as polled… }}</c>.</summary>
    /// <param name="rawBody">The body.</param>
    /// <returns>The event id and the result.</returns>
    public virtual (string EventId, LivenessResult Result) ParseWebhook(ReadOnlyMemory<byte> rawBody) => Parse(rawBody, root =>
    {
        string eventId = RequiredId(root, "eventId");
        if (!string.Equals(OptionalString(root, "type"), "liveness.session.updated", StringComparison.Ordinal)
            || !root.TryGetProperty("result", out JsonElement result) || result.ValueKind != JsonValueKind.Object)
        {
            throw Protocol();
        }

        return (eventId, ReadResult(result, Encoding.UTF8.GetBytes(result.GetRawText())));
    });

    /// <summary>Builds the signature header value for a body (for providers, simulators and tests).</summary>
    /// <param name="rawBody">The body.</param>
    /// <param name="secret">The secret.</param>
    /// <param name="timestamp">The signing time.</param>
    /// <returns>The header value.</returns>
    public static string SignWebhook(ReadOnlySpan<byte> rawBody, ReadOnlySpan<byte> secret, DateTimeOffset timestamp)
    {
        long t = timestamp.ToUnixTimeSeconds();
        return string.Create(CultureInfo.InvariantCulture, $"t={t},v1={Convert.ToHexStringLower(ComputeSignature(rawBody, secret, t))}");
    }

    /// <summary>Writes a result in the reference JSON shape (the poll answer and a webhook's <c>result</c>).</summary>
    /// <param name="writer">The writer, positioned where an object value may start.</param>
    /// <param name="result">The result.</param>
    public static void WriteResult(Utf8JsonWriter writer, LivenessResult result)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(result);
        writer.WriteStartObject();
        writer.WriteString("sessionId", result.ProviderSessionId);
        writer.WriteString("externalRef", result.ExternalReference);
        writer.WriteString("nonce", result.Nonce);
        writer.WriteString("status", result.Decision switch
        {
            LivenessDecision.Approved => "approved",
            LivenessDecision.RejectedFinal => "rejected",
            LivenessDecision.Retry => "retry",
            _ => "pending",
        });
        if (result.ProviderReason is not null)
        {
            writer.WriteString("reason", result.ProviderReason);
        }

        writer.WriteNumber("attempts", result.Attempts);
        writer.WriteStartArray("commands");
        foreach (LivenessCommand c in result.CommandsPerformed)
        {
            writer.WriteStringValue(RealTimePhotoMethod.CommandName(c));
        }

        writer.WriteEndArray();
        if (result.LivenessScore is { } score)
        {
            writer.WriteNumber("livenessScore", score);
        }

        if (result.CapturedAt is { } captured)
        {
            writer.WriteString("capturedAt", captured.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
        }

        if (result.FrameId is not null || result.FrameSha256 is not null)
        {
            writer.WriteStartObject("frame");
            writer.WriteString("id", result.FrameId);
            writer.WriteString("sha256", result.FrameSha256);
            writer.WriteEndObject();
        }

        writer.WriteStartObject("signals");
        WriteFlag(writer, "injection", result.Signals.InjectionDetected);
        WriteFlag(writer, "virtualCamera", result.Signals.VirtualCameraDetected);
        WriteFlag(writer, "emulator", result.Signals.EmulatorDetected);
        WriteFlag(writer, "rooted", result.Signals.RootedDevice);
        WriteFlag(writer, "remoteControl", result.Signals.RemoteControlDetected);
        writer.WriteEndObject();
        writer.WriteNumber("seq", result.Sequence);
        writer.WriteEndObject();
    }

    /// <summary>Creates the exception for an answer that breaks the contract.</summary>
    /// <returns>The exception.</returns>
    protected static LivenessProviderException Protocol() => new(LivenessProviderErrorKind.Protocol);

    private static void WriteFlag(Utf8JsonWriter writer, string name, bool? value)
    {
        if (value is { } v)
        {
            writer.WriteBoolean(name, v);
        }
    }

    private static byte[] ComputeSignature(ReadOnlySpan<byte> rawBody, ReadOnlySpan<byte> secret, long timestamp)
    {
        byte[] prefix = Encoding.ASCII.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + ".");
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, secret);
        hmac.AppendData(prefix);
        hmac.AppendData(rawBody);
        return hmac.GetHashAndReset();
    }

    private static LivenessResult ReadResult(JsonElement root, ReadOnlyMemory<byte> raw)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Protocol();
        }

        LivenessDecision decision = OptionalString(root, "status") switch
        {
            "pending" or "in-progress" => LivenessDecision.Pending,
            "approved" => LivenessDecision.Approved,
            "rejected" => LivenessDecision.RejectedFinal,
            "retry" => LivenessDecision.Retry,
            _ => throw Protocol(),
        };

        var commands = new List<LivenessCommand>();
        if (root.TryGetProperty("commands", out JsonElement cmds))
        {
            if (cmds.ValueKind != JsonValueKind.Array || cmds.GetArrayLength() > 16)
            {
                throw Protocol();
            }

            foreach (JsonElement c in cmds.EnumerateArray())
            {
                if (c.ValueKind != JsonValueKind.String || !RealTimePhotoMethod.TryParseCommand(c.GetString(), out LivenessCommand command))
                {
                    throw Protocol();
                }

                commands.Add(command);
            }
        }

        DateTimeOffset? captured = null;
        if (OptionalString(root, "capturedAt") is { } capturedText)
        {
            captured = DateTimeOffset.TryParse(capturedText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTimeOffset t) ? t : throw Protocol();
        }

        string? frameId = null;
        string? frameSha = null;
        if (root.TryGetProperty("frame", out JsonElement frame) && frame.ValueKind == JsonValueKind.Object)
        {
            frameId = OptionalString(frame, "id");
            frameSha = OptionalString(frame, "sha256");
            if (frameSha is not null && (frameSha.Length != 64 || !frameSha.All(char.IsAsciiHexDigit)))
            {
                throw Protocol();
            }

            frameSha = frameSha?.ToLowerInvariant();
        }

        var signals = new LivenessSignals();
        if (root.TryGetProperty("signals", out JsonElement s) && s.ValueKind == JsonValueKind.Object)
        {
            signals = new LivenessSignals
            {
                InjectionDetected = OptionalBool(s, "injection"),
                VirtualCameraDetected = OptionalBool(s, "virtualCamera"),
                EmulatorDetected = OptionalBool(s, "emulator"),
                RootedDevice = OptionalBool(s, "rooted"),
                RemoteControlDetected = OptionalBool(s, "remoteControl"),
            };
        }

        return new LivenessResult
        {
            ProviderSessionId = RequiredId(root, "sessionId"),
            ExternalReference = OptionalString(root, "externalRef"),
            Nonce = OptionalString(root, "nonce"),
            Decision = decision,
            ProviderReason = OptionalString(root, "reason"),
            Attempts = OptionalInt(root, "attempts") ?? 0,
            CommandsPerformed = commands,
            LivenessScore = root.TryGetProperty("livenessScore", out JsonElement score) && score.ValueKind == JsonValueKind.Number ? score.GetDouble() : null,
            CapturedAt = captured,
            FrameId = frameId,
            FrameSha256 = frameSha,
            Signals = signals,
            Sequence = root.TryGetProperty("seq", out JsonElement seq) && seq.ValueKind == JsonValueKind.Number && seq.TryGetInt64(out long n) ? n : 0,
            Raw = raw.ToArray(),
        };
    }

    private static T Parse<T>(ReadOnlyMemory<byte> body, Func<JsonElement, T> read)
    {
        try
        {
            // Duplicate keys would let the last one win silently (an ambiguous answer): refuse them, and deep nesting, first.
            if (!Kz.MicroCredit.Identity.Http.StrictJson.IsUnambiguous(body.Span, MaxJsonDepth))
            {
                throw Protocol();
            }

            using JsonDocument doc = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = MaxJsonDepth });
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw Protocol();
            }

            return read(doc.RootElement);
        }
        catch (JsonException ex)
        {
            throw new LivenessProviderException(LivenessProviderErrorKind.Protocol, ex);
        }
        catch (InvalidOperationException ex)
        {
            throw new LivenessProviderException(LivenessProviderErrorKind.Protocol, ex);
        }
        catch (FormatException ex)
        {
            throw new LivenessProviderException(LivenessProviderErrorKind.Protocol, ex);
        }
    }

    private static string RequiredId(JsonElement root, string name)
    {
        string? value = OptionalString(root, name);
        return value is { Length: > 0 and <= 128 } && value.All(c => c > ' ' && c < 0x7F) ? value : throw Protocol();
    }

    private static string? OptionalString(JsonElement root, string name) =>
        root.TryGetProperty(name, out JsonElement e) ? e.ValueKind switch
        {
            JsonValueKind.String => e.GetString(),
            JsonValueKind.Null => null,
            _ => throw Protocol(),
        } : null;

    private static int? OptionalInt(JsonElement root, string name) =>
        root.TryGetProperty(name, out JsonElement e) ? (e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out int v) && v >= 0 ? v : throw Protocol()) : null;

    private static bool? OptionalBool(JsonElement root, string name) =>
        root.TryGetProperty(name, out JsonElement e) ? e.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Null => null,
            _ => throw Protocol(),
        } : null;

    private static FaceReferenceSource? ParseSource(string name) => name switch
    {
        "state-photo" => FaceReferenceSource.StatePhotoViaProvider,
        "document-photo" => FaceReferenceSource.IdDocumentPhoto,
        "supplied" => FaceReferenceSource.CallerSupplied,
        _ => null,
    };

    private static byte[] Json(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            write(w);
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static HttpRequestMessage Post(string path, byte[] body, string idempotencyKey)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = new ZeroingContent(body) };
        message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        message.Headers.TryAddWithoutValidation(IdempotencyHeader, idempotencyKey);
        return message;
    }

    /// <summary>Request content that clears its buffer (which may hold an IIN or a photo) when disposed.</summary>
    private sealed class ZeroingContent : ByteArrayContent
    {
        private readonly byte[] _body;

        public ZeroingContent(byte[] body)
            : base(body) => _body = body;

        protected override void Dispose(bool disposing)
        {
            CryptographicOperations.ZeroMemory(_body);
            base.Dispose(disposing);
        }
    }
}
