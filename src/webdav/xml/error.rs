//! Well-formedness errors, worded as libxml2 2.9 words them (Debian's neon
//! reports its XML parser's message after "XML parse error at line N: ").

// libxml2's texts end in a newline, which is part of neon's message.
#![allow(clippy::write_with_newline)]

use std::fmt;

/// A well-formedness error and the line it was found on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub kind: ErrorKind,
    pub line: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ErrorKind {
    /// The document ended early or continued after its root element.
    ExtraContent,
    /// Content that ends inside a character of two or more bytes: the
    /// push parser makes no progress on it.
    ContentStalled,
    /// UTF-16 declared for a document read as UTF-8.
    Utf16Labelled(String),
    /// Text before the first element.
    DocumentEmpty,
    /// Text before the root after other markup.
    StartTagExpected,
    /// Bytes that are not UTF-8: the four bytes from the bad one (0 past the end).
    NotUtf8([u8; 4]),
    /// A character outside XML's `Char` in text.
    InvalidChar(u32),
    /// A character outside `Char` met by libxml2's decoder (past ASCII).
    CharOutOfRange(u32),
    /// A character outside `Char` in an attribute value.
    InvalidAttrChar,
    /// A character reference to a character outside `Char`.
    InvalidCharRef(u32),
    /// `&#x…;` with something other than hex digits.
    BadHexCharRef,
    /// `&#…;` with something other than decimal digits.
    BadDecCharRef,
    /// `&` not followed by a name.
    EntityRefNoName,
    /// `&name` not followed by `;`.
    EntityRefNoSemicolon,
    /// An entity other than the five predefined ones.
    UndefinedEntity(String),
    /// `]]>` in text.
    CdataEndInContent,
    /// `<` not followed by a name.
    InvalidElementName,
    /// A start tag that the data ended in, after its name (and attributes).
    StartTagUnfinished(String),
    /// An attribute not starting with a name character.
    AttributeName,
    /// Attributes not separated by white space.
    AttributesConstruct,
    /// An attribute name without `=`.
    AttributeNoValue(String),
    /// An attribute value without quotes.
    AttValueQuote,
    /// The data ended in an attribute value.
    AttValueUnfinished,
    /// `<` in an attribute value.
    LtInAttribute,
    /// The same attribute twice in a tag.
    AttributeRedefined(String),
    /// An end tag naming another element than the open one ("unparsable"
    /// when it names none).
    TagMismatch(String, String),
    /// An end tag not closed by `>`.
    EndTagGt,
    /// `--` inside a comment.
    DoubleHyphen,
    /// The data ended in a comment.
    CommentUnfinished,
    /// `<?xml` after the start of the document.
    XmlDeclMisplaced,
    /// A malformed XML declaration.
    XmlDecl,
    /// An XML declaration without a version number.
    VersionMissing,
    /// A version other than 1.x.
    UnsupportedVersion(String),
    /// A declaration keyword not followed by `=`.
    EqualRequired,
    /// A declaration value without its opening quote.
    StringNotStarted,
    /// A declaration value without its closing quote.
    StringNotClosed,
    /// No white space between declaration parts.
    BlankNeeded,
    /// An encoding name not starting with a letter.
    EncodingName,
    /// A standalone value other than yes or no.
    StandaloneValue,
    /// An encoding this parser cannot read.
    UnsupportedEncoding(String),
    /// A processing instruction without a target name.
    PiTarget,
    /// A target spelled "xml" in another case.
    PiName,
    /// No white space after the target.
    PiSpace(String),
    /// The document ended in a processing instruction.
    PiNeverEnd(String),
    /// `<!DOCTYPE` without a name.
    DoctypeNoName,
    /// `SYSTEM` not followed by white space.
    SpaceAfterSystem,
    /// The document ended in a system identifier.
    SystemIdUnfinished,
    /// A malformed document type declaration.
    Doctype,
    /// A malformed `<!` construct in content.
    Markup,
}

impl ErrorKind {
    /// libxml2's number for the error (`xmlParserErrors`), which
    /// `xmlParseChunk` returns and neon's XMLPARSE trace shows.
    pub fn libxml2_code(&self) -> i32 {
        use ErrorKind::*;
        match self {
            DocumentEmpty | StartTagExpected => 4,
            ExtraContent => 5,
            ContentStalled => 1,
            Utf16Labelled(_) => 81,
            BadHexCharRef => 6,
            BadDecCharRef => 7,
            NotUtf8(_) | InvalidChar(_) | CharOutOfRange(_) | InvalidAttrChar
            | InvalidCharRef(_) => 9,
            EntityRefNoSemicolon => 23,
            UndefinedEntity(_) => 26,
            UnsupportedEncoding(_) => 32,
            LtInAttribute => 38,
            AttValueQuote => 39,
            AttValueUnfinished => 40,
            AttributeNoValue(_) => 41,
            AttributeRedefined(_) => 42,
            CommentUnfinished => 45,
            PiTarget => 46,
            XmlDecl => 57,
            Doctype => 61,
            CdataEndInContent => 62,
            XmlDeclMisplaced => 64,
            AttributesConstruct => 65,
            EntityRefNoName | InvalidElementName | AttributeName | Markup => 68,
            StartTagUnfinished(_) | EndTagGt => 73,
            TagMismatch(..) => 76,
            DoubleHyphen => 80,
            StringNotStarted => 33,
            StringNotClosed => 34,
            SystemIdUnfinished => 44,
            PiNeverEnd(_) => 47,
            PiName => 64,
            BlankNeeded | PiSpace(_) | SpaceAfterSystem => 65,
            DoctypeNoName => 68,
            EqualRequired => 75,
            StandaloneValue => 78,
            EncodingName => 79,
            VersionMissing => 96,
            UnsupportedVersion(_) => 108,
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use ErrorKind::*;
        match self {
            ExtraContent => f.write_str("Extra content at the end of the document\n"),
            ContentStalled => {
                f.write_str("internal error: detected an error in element content\n\n")
            }
            Utf16Labelled(_) => f.write_str("Document labelled UTF-16 but has UTF-8 content\n"),
            DocumentEmpty => f.write_str("Document is empty\n"),
            StartTagExpected => f.write_str("Start tag expected, '<' not found\n"),
            NotUtf8(b) => write!(
                f,
                "Input is not proper UTF-8, indicate encoding !\nBytes: 0x{:02X} 0x{:02X} 0x{:02X} 0x{:02X}\n",
                b[0], b[1], b[2], b[3]
            ),
            InvalidChar(c) => write!(f, "PCDATA invalid Char value {c}\n"),
            CharOutOfRange(c) => write!(f, "Char 0x{c:X} out of allowed range\n"),
            InvalidAttrChar => f.write_str("invalid character in attribute value\n"),
            InvalidCharRef(c) => write!(f, "xmlParseCharRef: invalid xmlChar value {c}\n"),
            BadHexCharRef => f.write_str("CharRef: invalid hexadecimal value\n"),
            BadDecCharRef => f.write_str("CharRef: invalid decimal value\n"),
            EntityRefNoName => f.write_str("xmlParseEntityRef: no name\n"),
            EntityRefNoSemicolon => f.write_str("EntityRef: expecting ';'\n"),
            UndefinedEntity(n) => write!(f, "Entity '{n}' not defined\n"),
            CdataEndInContent => f.write_str("Sequence ']]>' not allowed in content\n"),
            InvalidElementName => f.write_str("xmlParseStartTag: invalid element name\n"),
            StartTagUnfinished(n) => write!(f, "Couldn't find end of Start Tag {n}\n"),
            AttributeName => f.write_str("error parsing attribute name\n"),
            AttributesConstruct => f.write_str("attributes construct error\n"),
            AttributeNoValue(n) => write!(f, "Specification mandates value for attribute {n}\n"),
            AttValueQuote => f.write_str("AttValue: \" or ' expected\n"),
            AttValueUnfinished => f.write_str("AttValue: ' expected\n"),
            LtInAttribute => f.write_str("Unescaped '<' not allowed in attributes values\n"),
            AttributeRedefined(n) => write!(f, "Attribute {n} redefined\n"),
            TagMismatch(open, close) => {
                write!(
                    f,
                    "Opening and ending tag mismatch: {open} line 0 and {close}\n"
                )
            }
            EndTagGt => f.write_str("expected '>'\n"),
            DoubleHyphen => f.write_str("Double hyphen within comment\n"),
            CommentUnfinished => f.write_str("Comment not terminated\n"),
            XmlDeclMisplaced => {
                f.write_str("XML declaration allowed only at the start of the document\n")
            }
            XmlDecl => f.write_str("parsing XML declaration: '?>' expected\n"),
            VersionMissing => f.write_str("Malformed declaration expecting version\n"),
            UnsupportedVersion(v) => write!(f, "Unsupported version '{v}'\n"),
            EqualRequired => f.write_str("expected '='\n"),
            StringNotStarted => f.write_str("String not started expecting ' or \"\n"),
            StringNotClosed => f.write_str("String not closed expecting \" or '\n"),
            BlankNeeded => f.write_str("Blank needed here\n"),
            EncodingName => f.write_str("Invalid XML encoding name\n"),
            StandaloneValue => f.write_str("standalone accepts only 'yes' or 'no'\n"),
            UnsupportedEncoding(e) => write!(f, "Unsupported encoding {e}\n"),
            PiTarget => f.write_str("xmlParsePI : no target name\n"),
            PiName => f.write_str("Invalid PI name\n"),
            PiSpace(t) => write!(f, "ParsePI: PI {t} space expected\n"),
            PiNeverEnd(t) => write!(f, "ParsePI: PI {t} never end ...\n"),
            DoctypeNoName => f.write_str("xmlParseDocTypeDecl : no DOCTYPE name !\n"),
            SpaceAfterSystem => f.write_str("Space required after 'SYSTEM'\n"),
            SystemIdUnfinished => f.write_str("Unfinished System or Public ID \" or ' expected\n"),
            Doctype => f.write_str("DOCTYPE improperly terminated\n"),
            Markup => f.write_str("StartTag: invalid element name\n"),
        }
    }
}

impl fmt::Display for SyntaxError {
    /// neon's message: "XML parse error at line N: " and the parser's text.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "XML parse error at line {}: {}", self.line, self.kind)
    }
}

impl std::error::Error for SyntaxError {}
