using MLVideo.Data;

namespace MLVideo;

public sealed partial class SchemaShape
{
    /// <summary>The shape of one column.</summary>
    public readonly struct Column
    {
        /// <summary>Scalar, fixed-size vector or variable-size vector.</summary>
        public enum VectorKind
        {
            /// <summary>One value per row.</summary>
            Scalar,

            /// <summary>A vector of known size.</summary>
            Vector,

            /// <summary>A vector whose size varies.</summary>
            VariableVector,
        }

        /// <summary>Creates a column shape; a key's <paramref name="itemType"/> is its raw type (UInt32).</summary>
        public Column(string name, VectorKind vecKind, DataViewType itemType, bool isKey, SchemaShape? annotations = null)
        {
            ArgumentException.ThrowIfNullOrEmpty(name);
            ArgumentNullException.ThrowIfNull(itemType);
            if (itemType is KeyDataViewType) throw new ArgumentException("Pass a key's raw type (UInt32) with isKey: true.", nameof(itemType));
            if (itemType is VectorDataViewType) throw new ArgumentException("The item type of a column shape cannot be a vector.", nameof(itemType));
            Name = name;
            Kind = vecKind;
            ItemType = itemType;
            IsKey = isKey;
            Annotations = annotations ?? new SchemaShape([]);
        }

        /// <summary>The column name.</summary>
        public string Name { get; }

        /// <summary>Scalar or vector.</summary>
        public VectorKind Kind { get; }

        /// <summary>The item type (for keys, the raw type).</summary>
        public DataViewType ItemType { get; }

        /// <summary>Whether the items are keys.</summary>
        public bool IsKey { get; }

        /// <summary>Shapes of the annotations.</summary>
        public SchemaShape Annotations { get; }

        /// <summary>Whether the column carries <c>KeyValues</c>.</summary>
        public bool HasKeyValues() => Annotations.TryFindColumn(AnnotationUtils.Kinds.KeyValues, out _);

        /// <summary>
        /// Whether a column of shape <paramref name="source"/> can be used where this shape is expected:
        /// same kind, item type and keyness, and at least this column's annotations.
        /// </summary>
        public bool IsCompatibleWith(Column source)
        {
            if (Kind != source.Kind || IsKey != source.IsKey || !ItemType.Equals(source.ItemType)) return false;
            foreach (var annotation in Annotations)
            {
                if (!source.Annotations.TryFindColumn(annotation.Name, out var other) || !annotation.IsCompatibleWith(other)) return false;
            }
            return true;
        }

        /// <summary>ML.NET's spelling of the type: <c>Single</c>, <c>Key&lt;UInt32&gt;</c>, <c>Vector&lt;Single&gt;</c>, <c>VarVector&lt;String&gt;</c>.</summary>
        public string GetTypeString()
        {
            string result = ItemType.ToString()!;
            if (IsKey) result = $"Key<{result}>";
            return Kind switch
            {
                VectorKind.Vector => $"Vector<{result}>",
                VectorKind.VariableVector => $"VarVector<{result}>",
                _ => result,
            };
        }

        /// <inheritdoc />
        public override string ToString() => $"{Name}: {GetTypeString()}";
    }
}
