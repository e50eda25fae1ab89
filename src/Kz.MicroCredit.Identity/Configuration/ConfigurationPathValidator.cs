using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Kz.MicroCredit.Identity;

/// <summary>
/// Runs the validators of an options type bound from configuration and rewrites their messages to name the
/// configuration path the user bound (<c>Kzid:RealTimePhoto:Provider:BaseAddress …</c>), whatever prefix the
/// validator wrote (<c>RealTimePhotoOptions.Provider.BaseAddress</c>, <c>EGovPhoneOwnership:</c>, none).
/// </summary>
internal sealed partial class ConfigurationPathValidator<TOptions>(string root, string path, IReadOnlyList<IValidateOptions<TOptions>> inner) : IValidateOptions<TOptions>
    where TOptions : class
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        var failures = new List<string>();
        foreach (IValidateOptions<TOptions> validator in inner)
        {
            ValidateOptionsResult result = validator.Validate(name, options);
            if (result.Failed)
            {
                failures.AddRange((result.Failures ?? [result.FailureMessage]).Select(f => Rewrite(root, path, f)));
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Replaces the validators of <typeparamref name="TOptions"/> registered so far with one that names <paramref name="path"/>; messages already naming a key under <paramref name="root"/> are kept.</summary>
    public static void Wrap(IServiceCollection services, string root, string path)
    {
        ServiceDescriptor[] descriptors = services.Where(d => d.ServiceType == typeof(IValidateOptions<TOptions>)).ToArray();
        foreach (ServiceDescriptor descriptor in descriptors)
        {
            services.Remove(descriptor);
        }

        services.AddSingleton<IValidateOptions<TOptions>>(sp => new ConfigurationPathValidator<TOptions>(root, path, descriptors.Select(d => Create(sp, d)).ToArray()));
    }

    internal static string Rewrite(string root, string path, string message)
    {
        string typeName = typeof(TOptions).Name;
        string shortName = typeName.EndsWith("Options", StringComparison.Ordinal) ? typeName[..^"Options".Length] : typeName;
        string rest = message;
        if (rest.StartsWith(root + ":", StringComparison.Ordinal))
        {
            return message;
        }

        foreach (string prefix in new[] { typeName, shortName })
        {
            if (rest.StartsWith(prefix, StringComparison.Ordinal))
            {
                rest = rest[prefix.Length..];
                break;
            }
        }

        rest = rest.TrimStart('.', ':', ' ');
        Match match = LeadingPropertyPath().Match(rest);
        if (match.Success && typeof(TOptions).GetProperty(match.Groups[1].Value.Split('.', ':')[0], BindingFlags.Public | BindingFlags.Instance) is not null)
        {
            return $"{path}:{match.Groups[1].Value.Replace('.', ':')}{rest[match.Groups[1].Length..]}";
        }

        return $"{path}: {rest}";
    }

    private static IValidateOptions<TOptions> Create(IServiceProvider services, ServiceDescriptor descriptor) =>
        (IValidateOptions<TOptions>)(descriptor.ImplementationInstance
            ?? descriptor.ImplementationFactory?.Invoke(services)
            ?? ActivatorUtilities.CreateInstance(services, descriptor.ImplementationType!));

    [GeneratedRegex(@"^([A-Z][A-Za-z0-9]*(?:[.:][A-Z][A-Za-z0-9]*)*)(?=[ ,.;]|$)")]
    private static partial Regex LeadingPropertyPath();
}
