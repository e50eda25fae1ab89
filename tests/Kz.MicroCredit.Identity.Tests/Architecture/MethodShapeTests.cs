using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Xunit;

namespace Kz.MicroCredit.Identity.Tests.Architecture;

/// <summary>
/// The four methods share one shape (docs/decisions.md, "Shape"): in each method folder public options with an
/// internal validator, one <c>…ServiceCollectionExtensions</c> class with the <c>Action&lt;TOptions&gt;</c> and
/// <c>IConfigurationSection</c> overloads, a method class without a public or protected constructor, one public
/// <c>…EvidenceKeys</c> class, one log class and one reason-code file.
/// </summary>
public sealed class MethodShapeTests
{
    // Folder, public name prefix, namespace.
    public static TheoryData<string, string, string> Methods => new()
    {
        { "Eds", "NcaEds", "Kz.MicroCredit.Identity.Eds" },
        { "Biometrics", "KcmrBiometrics", "Kz.MicroCredit.Identity.Biometrics" },
        { "RealTimePhoto", "RealTimePhoto", "Kz.MicroCredit.Identity.RealTimePhoto" },
        { "PhoneOwnership", "EGovPhoneOwnership", "Kz.MicroCredit.Identity.PhoneOwnership" },
    };

    private static Assembly Library => typeof(IdentificationMethod).Assembly;

    [Theory]
    [MemberData(nameof(Methods))]
    public void Options_are_public_and_validated_by_an_internal_validator(string folder, string prefix, string ns)
    {
        _ = folder;
        Type options = Required($"{ns}.{prefix}Options");
        Assert.True(options.IsPublic, $"{options.Name} must be public");
        Type validator = Required($"{ns}.{prefix}OptionsValidator");
        Assert.False(validator.IsPublic, $"{validator.Name} must be internal");
        Assert.Contains(typeof(IValidateOptions<>).MakeGenericType(options), validator.GetInterfaces());
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void One_extension_class_offers_both_overloads(string folder, string prefix, string ns)
    {
        Type options = Required($"{ns}.{prefix}Options");
        Type extensions = Required($"Kz.MicroCredit.Identity.{prefix}ServiceCollectionExtensions");
        Assert.True(extensions.IsPublic && extensions.IsAbstract && extensions.IsSealed, $"{extensions.Name} must be a public static class");
        MethodInfo[] adds = extensions.GetMethods(BindingFlags.Public | BindingFlags.Static);
        Assert.Contains(adds, m => Parameters(m).SequenceEqual([typeof(BorrowerIdentificationBuilder), typeof(Action<>).MakeGenericType(options)]));
        Assert.Contains(adds, m => Parameters(m).SequenceEqual([typeof(BorrowerIdentificationBuilder), typeof(IConfigurationSection)]));
        Assert.Single(Directory.GetFiles(Folder(folder), "*ServiceCollectionExtensions.cs"));
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void The_method_class_has_no_public_or_protected_constructor(string folder, string prefix, string ns)
    {
        _ = folder;
        Type method = Required($"{ns}.{prefix}Method");
        Assert.True(method.IsPublic && method.IsSubclassOf(typeof(IdentificationMethod)));
        ConstructorInfo[] visible = method.GetConstructors(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            .Where(c => c.IsPublic || c.IsFamily || c.IsFamilyOrAssembly)
            .ToArray();
        Assert.Empty(visible);
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void One_evidence_key_class_one_log_class_one_reason_code_file(string folder, string prefix, string ns)
    {
        Type keys = Required($"{ns}.{prefix}EvidenceKeys");
        Assert.True(keys.IsPublic && keys.IsAbstract && keys.IsSealed, $"{keys.Name} must be a public static class");

        string name = Path.GetFileName(folder);
        Assert.Equal([$"{name}Log.cs"], Directory.GetFiles(Folder(folder), "*Log.cs").Select(Path.GetFileName));
        Assert.Equal([$"{name}ReasonCodes.cs"], Directory.GetFiles(Folder(folder), "*ReasonCodes.cs").Select(Path.GetFileName));
        Assert.Equal([$"{prefix}EvidenceKeys.cs"], Directory.GetFiles(Folder(folder), "*EvidenceKeys.cs").Select(Path.GetFileName));
    }

    private static Type[] Parameters(MethodInfo method) => method.GetParameters().Select(p => p.ParameterType).ToArray();

    private static Type Required(string fullName) =>
        Library.GetType(fullName) ?? throw new Xunit.Sdk.XunitException($"{fullName} does not exist");

    private static string Folder(string folder)
    {
        for (DirectoryInfo? d = new(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "Kz.MicroCredit.Identity.sln")))
            {
                return Path.Combine(d.FullName, "src", "Kz.MicroCredit.Identity", folder);
            }
        }

        throw new InvalidOperationException("The repository root was not found above the test output.");
    }
}
