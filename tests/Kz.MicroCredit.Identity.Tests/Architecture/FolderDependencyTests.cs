using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;

namespace Kz.MicroCredit.Identity.Tests.Architecture;

/// <summary>
/// Holds the main package to one-way dependencies between its folders (docs/architecture.md, "Layers"): value types →
/// core → evidence → policies → methods, with the signature engine below the methods that use it. The core folders
/// share one namespace, so the graph is built per folder, from the source: every name in a file that binds to a type
/// or member declared in another folder is an edge. A new cycle fails the test; the cycles that remain today are
/// listed below as explicit, documented exceptions (each one an edge the graph may keep), so that the list can only
/// shrink.
/// </summary>
public sealed class FolderDependencyTests
{
    /// <summary>
    /// Edges that close a cycle and are accepted until they are removed. Format: "From -> To" (folders relative to
    /// src/Kz.MicroCredit.Identity). Empty: every cycle of the first rounds was removed by a move or an inverted
    /// dependency (docs/decisions.md, "Layers, one way").
    /// </summary>
    private static readonly string[] AllowedBackEdges = [];

    [Fact]
    public void Folder_dependency_graph_is_acyclic_apart_from_the_listed_exceptions()
    {
        Dictionary<string, HashSet<string>> graph = FolderGraph.Build();
        var allowed = AllowedBackEdges.Select(e => e.Split(" -> ")).Select(p => (p[0], p[1])).ToHashSet();

        foreach ((string from, HashSet<string> targets) in graph)
        {
            targets.RemoveWhere(to => allowed.Contains((from, to)));
        }

        List<List<string>> cycles = FolderGraph.StronglyConnectedComponents(graph).Where(c => c.Count > 1).ToList();
        string report = string.Join(
            Environment.NewLine,
            cycles.Select(c => string.Join(", ", c.Order(StringComparer.Ordinal)) + Environment.NewLine + "  edges: " +
                string.Join("; ", c.SelectMany(f => graph[f].Where(c.Contains).Select(t => f + " -> " + t)).Order(StringComparer.Ordinal))));
        Assert.True(cycles.Count == 0, "Folder cycles in src/Kz.MicroCredit.Identity:" + Environment.NewLine + report);
    }

    [Fact]
    public void Graph_sees_the_known_dependencies()
    {
        // Guards the test itself: if binding silently failed, an empty graph would be "acyclic".
        Dictionary<string, HashSet<string>> graph = FolderGraph.Build();
        Assert.Contains("ValueTypes", graph["Eds"]);
        Assert.Contains("Core", graph["Eds"]);
        Assert.Contains("Eds/Cms", graph["Eds"]);
        Assert.Contains("Core", graph["Biometrics"]);
        Assert.DoesNotContain("Eds", graph["ValueTypes"]);
    }

    private static class FolderGraph
    {
        private static readonly Lazy<Dictionary<string, HashSet<string>>> Cached = new(Compute);
        private const string ImplicitUsingsPath = "ImplicitUsings.g.cs";
        private static readonly CSharpParseOptions ParseOptions = CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Preview);

        public static Dictionary<string, HashSet<string>> Build() =>
            Cached.Value.ToDictionary(p => p.Key, p => new HashSet<string>(p.Value, StringComparer.Ordinal), StringComparer.Ordinal);

        private static Dictionary<string, HashSet<string>> Compute()
        {
            string root = Path.Combine(RepositoryRoot(), "src", "Kz.MicroCredit.Identity");
            var trees = Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
                .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                    && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                .Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), ParseOptions, path: f))
                .ToList();

            // The project's implicit global usings (ImplicitUsings=enable) are generated into obj/, not in the source.
            trees.Add(CSharpSyntaxTree.ParseText(
                "global using System; global using System.Collections.Generic; global using System.IO; global using System.Linq; "
                + "global using System.Net.Http; global using System.Threading; global using System.Threading.Tasks;",
                ParseOptions,
                path: ImplicitUsingsPath));

            // References: the runtime's own assemblies plus every assembly next to the tests (the package's
            // dependencies are copied there). Binding errors do not matter: only names that bind count.
            IEnumerable<string> platform = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? string.Empty)
                .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
            IEnumerable<string> local = Directory.EnumerateFiles(AppContext.BaseDirectory, "*.dll")
                .Where(f => !Path.GetFileName(f).StartsWith("Kz.MicroCredit.Identity", StringComparison.Ordinal));
            ImmutableArray<MetadataReference> references = platform.Concat(local)
                .GroupBy(Path.GetFileName, StringComparer.OrdinalIgnoreCase).Select(g => g.First())
                .Select(f => (MetadataReference)MetadataReference.CreateFromFile(f)).ToImmutableArray();

            CSharpCompilation compilation = CSharpCompilation.Create(
                "FolderGraph", trees, references,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

            string Folder(string path)
            {
                string relative = Path.GetRelativePath(root, Path.GetDirectoryName(path)!).Replace('\\', '/');
                return relative == "." ? "(root)" : relative;
            }

            var graph = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
            foreach (SyntaxTree tree in trees.Where(t => t.FilePath != ImplicitUsingsPath))
            {
                string from = Folder(tree.FilePath);
                if (!graph.TryGetValue(from, out HashSet<string>? targets))
                {
                    graph[from] = targets = new HashSet<string>(StringComparer.Ordinal);
                }

                SemanticModel model = compilation.GetSemanticModel(tree);
                foreach (SimpleNameSyntax name in tree.GetRoot().DescendantNodes().OfType<SimpleNameSyntax>())
                {
                    ISymbol? symbol = model.GetSymbolInfo(name).Symbol;
                    if (symbol is null || symbol is INamespaceSymbol || symbol is ILocalSymbol || symbol is IParameterSymbol
                        || symbol is ITypeParameterSymbol || symbol is IRangeVariableSymbol || symbol is ILabelSymbol)
                    {
                        continue;
                    }

                    symbol = symbol.OriginalDefinition;
                    if (symbol is IMethodSymbol { ReducedFrom: { } reduced })
                    {
                        symbol = reduced;
                    }

                    // A member declared in a partial type's other file (ReasonCode's codes live with their capability)
                    // counts where the member is declared; a type with several declarations counts where the file
                    // named after it is.
                    string? declared = DeclaringFile(symbol);
                    if (declared is not null)
                    {
                        string to = Folder(declared);
                        if (to != from)
                        {
                            targets.Add(to);
                        }
                    }
                }
            }

            return graph;
        }

        private static string? DeclaringFile(ISymbol symbol)
        {
            ImmutableArray<SyntaxReference> declarations = symbol.DeclaringSyntaxReferences;
            if (declarations.IsEmpty)
            {
                return null;
            }

            if (declarations.Length == 1)
            {
                return declarations[0].SyntaxTree.FilePath;
            }

            return declarations.Select(d => d.SyntaxTree.FilePath)
                .FirstOrDefault(p => Path.GetFileNameWithoutExtension(p) == symbol.Name)
                ?? declarations.Select(d => d.SyntaxTree.FilePath).Order(StringComparer.Ordinal).First();
        }

        public static IEnumerable<List<string>> StronglyConnectedComponents(Dictionary<string, HashSet<string>> graph)
        {
            // Tarjan's algorithm; the graph has a few dozen nodes, recursion is fine.
            int index = 0;
            var indices = new Dictionary<string, int>(StringComparer.Ordinal);
            var lowLinks = new Dictionary<string, int>(StringComparer.Ordinal);
            var stack = new Stack<string>();
            var onStack = new HashSet<string>(StringComparer.Ordinal);
            var result = new List<List<string>>();

            void Visit(string node)
            {
                indices[node] = lowLinks[node] = index++;
                stack.Push(node);
                onStack.Add(node);
                foreach (string next in graph.TryGetValue(node, out HashSet<string>? edges) ? edges : [])
                {
                    if (!indices.TryGetValue(next, out int nextIndex))
                    {
                        Visit(next);
                        lowLinks[node] = Math.Min(lowLinks[node], lowLinks[next]);
                    }
                    else if (onStack.Contains(next))
                    {
                        lowLinks[node] = Math.Min(lowLinks[node], nextIndex);
                    }
                }

                if (lowLinks[node] == indices[node])
                {
                    var component = new List<string>();
                    string member;
                    do
                    {
                        member = stack.Pop();
                        onStack.Remove(member);
                        component.Add(member);
                    }
                    while (member != node);
                    result.Add(component);
                }
            }

            foreach (string node in graph.Keys.Order(StringComparer.Ordinal))
            {
                if (!indices.ContainsKey(node))
                {
                    Visit(node);
                }
            }

            return result;
        }

        private static string RepositoryRoot()
        {
            for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "Kz.MicroCredit.Identity.sln")))
                {
                    return directory.FullName;
                }
            }

            throw new InvalidOperationException("The repository root (Kz.MicroCredit.Identity.sln) was not found above the test output.");
        }
    }
}
