// Usage: Publicizer <output folder> <assembly.dll>...
// Writes <output folder>/<assembly.dll> with every type, method and field public, for compiling against only.
// The assembly identity (name, version, public key) is kept, so the compiled code binds to the real assembly,
// which loads at run time; IgnoresAccessChecksTo in the consuming assembly makes the CLR allow the access.
using Mono.Cecil;

if (args.Length < 2)
{
    Console.Error.WriteLine("usage: Publicizer <output folder> <assembly.dll>...");
    return 2;
}
string outputFolder = args[0];
Directory.CreateDirectory(outputFolder);
foreach (string input in args.Skip(1))
{
    var resolver = new DefaultAssemblyResolver();
    resolver.AddSearchDirectory(Path.GetDirectoryName(Path.GetFullPath(input))!);
    using var assembly = AssemblyDefinition.ReadAssembly(input, new ReaderParameters { AssemblyResolver = resolver });
    int changed = 0;
    foreach (TypeDefinition type in assembly.MainModule.GetTypes()) changed += Publicize(type);
    string output = Path.Combine(outputFolder, Path.GetFileName(input));
    assembly.Write(output);
    Console.WriteLine($"Publicizer: {Path.GetFileName(input)}: {changed} types and members made public -> {output}");
}
return 0;

// Protected members stay protected (so overrides keep C#'s usual `protected override`); `private protected`
// becomes `protected`; private and internal become public.
static MethodAttributes Widen(MethodAttributes access) => access switch
{
    MethodAttributes.Family or MethodAttributes.FamORAssem or MethodAttributes.Public => access,
    MethodAttributes.FamANDAssem => MethodAttributes.Family,
    _ => MethodAttributes.Public,
};

static int Publicize(TypeDefinition type)
{
    int changed = 0;
    TypeAttributes visibility = type.IsNested ? TypeAttributes.NestedPublic : TypeAttributes.Public;
    if ((type.Attributes & TypeAttributes.VisibilityMask) != visibility)
    {
        type.Attributes = (type.Attributes & ~TypeAttributes.VisibilityMask) | visibility;
        changed++;
    }
    foreach (MethodDefinition method in type.Methods)
    {
        // Explicit interface implementations stay private: made public they would clash with the implicit ones.
        if (method.IsPrivate && method.IsVirtual && method.Name.Contains('.')) continue;
        MethodAttributes access = method.Attributes & MethodAttributes.MemberAccessMask;
        MethodAttributes wanted = Widen(access);
        if (wanted == access) continue;
        method.Attributes = (method.Attributes & ~MethodAttributes.MemberAccessMask) | wanted;
        changed++;
    }
    var eventNames = new HashSet<string>(type.Events.Select(e => e.Name));
    foreach (FieldDefinition field in type.Fields)
    {
        // An event's backing field has the event's name; public, it would make the name ambiguous.
        if (eventNames.Contains(field.Name)) continue;
        FieldAttributes access = field.Attributes & FieldAttributes.FieldAccessMask;
        FieldAttributes wanted = (FieldAttributes)Widen((MethodAttributes)access); // the two masks share their values
        if (wanted == access) continue;
        field.Attributes = (field.Attributes & ~FieldAttributes.FieldAccessMask) | wanted;
        changed++;
    }
    return changed;
}
