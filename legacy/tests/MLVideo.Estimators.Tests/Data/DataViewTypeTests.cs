using MLVideo.Data;

namespace MLVideo.Estimators.Tests.Data;

[TestClass]
public sealed class DataViewTypeTests
{
    [TestMethod]
    public void RawType_BuiltInTypes_MatchMlNet()
    {
        Assert.AreEqual(typeof(ReadOnlyMemory<char>), TextDataViewType.Instance.RawType);
        Assert.AreEqual(typeof(float), NumberDataViewType.Single.RawType);
        Assert.AreEqual(typeof(int), NumberDataViewType.Int32.RawType);
        Assert.AreEqual(typeof(long), NumberDataViewType.Int64.RawType);
        Assert.AreEqual(typeof(bool), BooleanDataViewType.Instance.RawType);
        Assert.AreEqual(typeof(uint), new KeyDataViewType(typeof(uint), 3).RawType);
        Assert.AreEqual(typeof(VBuffer<float>), new VectorDataViewType(NumberDataViewType.Single, 2, 3).RawType);
    }

    [TestMethod]
    public void ToString_Always_UsesMlNetSpelling()
    {
        Assert.AreEqual("String", TextDataViewType.Instance.ToString());
        Assert.AreEqual("Single", NumberDataViewType.Single.ToString());
        Assert.AreEqual("Key<UInt32, 0-2>", new KeyDataViewType(typeof(uint), 3).ToString());
        Assert.AreEqual("Vector<Single, 2, 3>", new VectorDataViewType(NumberDataViewType.Single, 2, 3).ToString());
        Assert.AreEqual("Vector<String>", new VectorDataViewType(TextDataViewType.Instance).ToString());
    }

    [TestMethod]
    public void Vector_Dimensions_GiveSizeAndKnownness()
    {
        var known = new VectorDataViewType(NumberDataViewType.Single, 2, 3);
        Assert.AreEqual(6, known.Size);
        Assert.IsTrue(known.IsKnownSize);
        CollectionAssert.AreEqual(new[] { 2, 3 }, known.Dimensions.ToArray());
        var variable = new VectorDataViewType(NumberDataViewType.Single);
        Assert.IsFalse(variable.IsKnownSize);
        Assert.AreEqual(0, variable.Size);
    }

    [TestMethod]
    public void Equals_SameDescription_Equal_DifferentDescription_NotEqual()
    {
        Assert.AreEqual(new KeyDataViewType(typeof(uint), 3), new KeyDataViewType(typeof(uint), 3));
        Assert.AreNotEqual(new KeyDataViewType(typeof(uint), 3), new KeyDataViewType(typeof(uint), 4));
        Assert.AreEqual(new VectorDataViewType(NumberDataViewType.Single, 2, 3), new VectorDataViewType(NumberDataViewType.Single, 2, 3));
        Assert.AreNotEqual(new VectorDataViewType(NumberDataViewType.Single, 3, 2), new VectorDataViewType(NumberDataViewType.Single, 2, 3));
        Assert.AreNotEqual<DataViewType>(NumberDataViewType.Single, NumberDataViewType.Int32);
    }

    [TestMethod]
    public void Key_NotUInt32_Throws()
    {
        Assert.ThrowsExactly<ArgumentException>(() => new KeyDataViewType(typeof(int), 3));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new KeyDataViewType(typeof(uint), 0));
    }

    [TestMethod]
    public void StructuredType_CustomSubclass_RegistersForMembers()
    {
        var type = TokenType.Instance;
        DataViewTypeManager.Register(type, typeof(Token));
        Assert.AreSame(type, DataViewTypeManager.GetDataViewTypeOrNull(typeof(Token)));
        var ml = new MLVideoContext(1);
        var view = ml.Data.LoadFromEnumerable(new[] { new TokenRow { T = new Token("a") }, new TokenRow { T = new Token("b") } });
        Assert.AreSame(type, view.Schema["T"].Type);
        var tokens = Helpers.Columns.Read<Token>(view, "T");
        CollectionAssert.AreEqual(new[] { "a", "b" }, tokens.Select(t => t.Value).ToArray());
    }

    public sealed record Token(string Value);

    public sealed class TokenRow
    {
        public Token T { get; set; } = new("");
    }

    private sealed class TokenType : StructuredDataViewType
    {
        private TokenType() : base(typeof(Token))
        {
        }

        public static TokenType Instance { get; } = new();

        public override bool Equals(DataViewType? other) => other is TokenType;

        public override int GetHashCode() => 1;

        public override string ToString() => "Token";
    }
}
