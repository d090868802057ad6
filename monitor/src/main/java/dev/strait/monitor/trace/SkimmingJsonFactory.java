package dev.strait.monitor.trace;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.core.json.UTF8StreamJsonParser;
import com.fasterxml.jackson.core.sym.ByteQuadsCanonicalizer;
import java.io.IOException;

/**
 * A {@link JsonFactory} whose byte-array parsers skip an unread string eight bytes at a time. A trace
 * line is mostly the model's answer, which the engine never reads (usage carries its size); Jackson
 * skips a string byte by byte, validating its UTF-8, and that was a third of the replay's CPU. A
 * skipped string only needs its closing quote found ({@link ByteScan}), so its bytes go unvalidated.
 */
final class SkimmingJsonFactory extends JsonFactory {

    @Override
    protected JsonParser _createParser(byte[] data, int offset, int len, IOContext ctxt) throws IOException {
        if (len >= 3 && data[offset] == (byte) 0xEF) {
            return super._createParser(data, offset, len, ctxt); // a byte-order mark: Jackson's bootstrapper knows it
        }
        return new Skimming(ctxt, _parserFeatures, _objectCodec, _byteSymbolCanonicalizer.makeChild(_factoryFeatures),
                data, offset, offset + len);
    }

    private static final class Skimming extends UTF8StreamJsonParser {

        Skimming(IOContext ctxt, int features, ObjectCodec codec, ByteQuadsCanonicalizer symbols, byte[] buf,
                int start, int end) {
            super(ctxt, features, null, codec, symbols, buf, start, end, false);
        }

        @Override
        protected void _skipString() throws IOException {
            _tokenIncomplete = false;
            int quote = ByteScan.closingQuote(_inputBuffer, _inputPtr, _inputEnd);
            if (quote < 0) {
                _inputPtr = _inputEnd;
                _reportInvalidEOF(": was expecting closing quote for a string value", JsonToken.VALUE_STRING);
            }
            _inputPtr = quote + 1;
        }
    }
}
