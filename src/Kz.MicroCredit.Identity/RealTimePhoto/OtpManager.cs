using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kz.MicroCredit.Identity.RealTimePhoto;

/// <summary>Issues and checks one-time codes.</summary>
internal sealed class OtpManager
{
    private readonly IOtpStore _store;
    private readonly RealTimePhotoKeyRing _keys;
    private readonly IOtpCodeComparer _comparer;
    private readonly TimeProvider _time;
    private readonly RealTimePhotoOptions _options;
    private readonly ILogger _logger;

    public OtpManager(IOtpStore store, RealTimePhotoKeyRing keys, IOtpCodeComparer comparer, TimeProvider time, RealTimePhotoOptions options, ILogger logger)
    {
        _store = store;
        _keys = keys;
        _comparer = comparer;
        _time = time;
        _options = options;
        _logger = logger;
    }

    /// <summary>A uniform random code of the configured length (CSPRNG, no modulo bias).</summary>
    public static string GenerateCode(int length)
    {
        return string.Create(length, 0, static (span, _) =>
        {
            for (int i = 0; i < span.Length; i++)
            {
                span[i] = (char)('0' + RandomNumberGenerator.GetInt32(10));
            }
        });
    }

    public static string FormatAmount(decimal amount)
    {
        string digits = decimal.Round(amount, 2).ToString("#,0.##", CultureInfo.InvariantCulture);
        return digits.Replace(',', '\u00A0');
    }

    public string ComposeText(string code, IdentificationOperation operation, decimal? amount)
    {
        string template = amount is null ? _options.MessageTemplateWithoutAmount : _options.MessageTemplate;
        string minutes = Math.Max(1, (int)Math.Ceiling(_options.OtpLifetime.TotalMinutes)).ToString(CultureInfo.InvariantCulture);
        return template
            .Replace("{operation}", _options.OperationTexts[operation], StringComparison.Ordinal)
            .Replace("{amount}", amount is null ? string.Empty : FormatAmount(amount.Value), StringComparison.Ordinal)
            .Replace("{minutes}", minutes, StringComparison.Ordinal)
            .Replace("{code}", code, StringComparison.Ordinal);
    }

    public async Task<bool> TryAcquireSendSlotsAsync(Iin iin, KzPhoneNumber phone, CancellationToken cancellationToken)
    {
        DateTimeOffset now = _time.GetUtcNow();
        if (!await _store.TryAcquireSendSlotAsync(_keys.MacText("otp-rate-phone", phone.E164), now, _options.OtpRateWindow, _options.OtpSendLimitPerPhone, cancellationToken).ConfigureAwait(false))
        {
            RealTimePhotoLog.OtpRateLimited(_logger, "phone");
            return false;
        }

        if (!await _store.TryAcquireSendSlotAsync(_keys.MacText("otp-rate-iin", iin.Value), now, _options.OtpRateWindow, _options.OtpSendLimitPerIin, cancellationToken).ConfigureAwait(false))
        {
            RealTimePhotoLog.OtpRateLimited(_logger, "iin");
            return false;
        }

        return true;
    }

    /// <summary>Stores the hash of a new code and returns the code (to be put in the message and then dropped).</summary>
    public async Task<(string Code, OtpRecord Record)> IssueAsync(string sessionId, CancellationToken cancellationToken)
    {
        string code = GenerateCode(_options.OtpLength);
        DateTimeOffset now = _time.GetUtcNow();
        var record = new OtpRecord(sessionId, Hash(sessionId, code), now, now + _options.OtpLifetime);
        await _store.AddAsync(record, cancellationToken).ConfigureAwait(false);
        return (code, record);
    }

    public async Task<(OtpCheckResult Result, OtpState? State)> CheckAsync(string sessionId, string? code, CancellationToken cancellationToken)
    {
        OtpState? state = await _store.GetAsync(sessionId, cancellationToken).ConfigureAwait(false);
        if (state is null)
        {
            return (OtpCheckResult.NotFound, null);
        }

        OtpState s = state.Value;
        if (s.Consumed)
        {
            return (s.Attempts >= _options.OtpMaxAttempts ? OtpCheckResult.AttemptsExhausted : OtpCheckResult.AlreadyUsed, s);
        }

        if (_time.GetUtcNow() >= s.Record.ExpiresAt)
        {
            return (OtpCheckResult.Expired, s);
        }

        int attempt = await _store.IncrementAttemptsAsync(sessionId, cancellationToken).ConfigureAwait(false);
        if (attempt > _options.OtpMaxAttempts || attempt == 0)
        {
            return (OtpCheckResult.AttemptsExhausted, s);
        }

        // Hash whatever was typed (normalised): the comparison is over fixed-length MACs in constant time.
        byte[] actual = Hash(sessionId, Normalise(code));
        bool equal = _comparer.AreEqual(s.Record.CodeHash, actual);
        OtpCheckResult result;
        if (!equal)
        {
            if (attempt >= _options.OtpMaxAttempts)
            {
                await _store.TryConsumeAsync(sessionId, cancellationToken).ConfigureAwait(false);
                result = OtpCheckResult.AttemptsExhausted;
            }
            else
            {
                result = OtpCheckResult.Invalid;
            }
        }
        else
        {
            result = await _store.TryConsumeAsync(sessionId, cancellationToken).ConfigureAwait(false) ? OtpCheckResult.Accepted : OtpCheckResult.AlreadyUsed;
        }

        RealTimePhotoLog.OtpChecked(_logger, sessionId, result.ToString(), attempt);
        return (result, s with { Attempts = attempt });
    }

    private static string Normalise(string? code)
    {
        if (string.IsNullOrEmpty(code) || code.Length > 32)
        {
            return string.Empty;
        }

        return code.Trim();
    }

    private byte[] Hash(string sessionId, string code) => _keys.Mac("otp-code", sessionId + "\n" + code);
}
