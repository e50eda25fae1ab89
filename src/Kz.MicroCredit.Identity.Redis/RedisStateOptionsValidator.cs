using Microsoft.Extensions.Options;

namespace Kz.MicroCredit.Identity.Redis;

/// <summary>Validates <see cref="RedisStateOptions"/> at start-up: a shared store without shared secrets is an error.</summary>
internal sealed class RedisStateOptionsValidator : IValidateOptions<RedisStateOptions>
{
    public ValidateOptionsResult Validate(string? name, RedisStateOptions options)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.KeyPrefix) || options.KeyPrefix.Length > 64 || options.KeyPrefix.AsSpan().IndexOfAny('{', '}') >= 0)
        {
            errors.Add("RedisStateOptions.KeyPrefix must be 1–64 characters without '{' or '}' (those are hash-tag delimiters).");
        }

        if (options.OperationTimeout < TimeSpan.FromMilliseconds(50) || options.OperationTimeout > TimeSpan.FromMinutes(1))
        {
            errors.Add("RedisStateOptions.OperationTimeout must be between 50 ms and 1 minute.");
        }

        if (options.Keys.Count == 0)
        {
            errors.Add("RedisStateOptions.Keys is empty: a shared store needs shared secrets (base64 of 32+ random bytes per key id), the same on every instance; a per-process random key is not allowed with a shared store.");
        }

        foreach ((string id, string value) in options.Keys)
        {
            if (string.IsNullOrWhiteSpace(id) || id.Length > 32 || id.Contains(':', StringComparison.Ordinal))
            {
                errors.Add("RedisStateOptions.Keys: a key id must be 1–32 characters without ':'.");
            }

            if (RedisStateSecrets.TryDecode(value) is not { Length: >= 32 })
            {
                // Name the key id, never the value.
                errors.Add($"RedisStateOptions.Keys[{(id.Length <= 32 ? id : "…")}] must be base64 of at least 32 bytes.");
            }
        }

        if (options.ActiveKeyId is null || !options.Keys.ContainsKey(options.ActiveKeyId))
        {
            errors.Add("RedisStateOptions.ActiveKeyId must name one of RedisStateOptions.Keys.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
