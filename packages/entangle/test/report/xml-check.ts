// Test helper: a small XML well-formedness checker (tags nest and close, attributes are quoted, entities are known).

const ENTITY = /&(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/y;

/** Throws with the offset of the first problem; returns the number of elements seen. */
export function assertWellFormedXml(xml: string): number {
  const stack: string[] = [];
  let i = 0, elements = 0;
  const fail = (msg: string): never => {
    throw new Error(`XML not well-formed at offset ${i}: ${msg} (near ${JSON.stringify(xml.slice(Math.max(0, i - 40), i + 40))})`);
  };
  while (i < xml.length) {
    const ch = xml[i];
    if (ch === '&') {
      ENTITY.lastIndex = i;
      if (!ENTITY.test(xml)) fail('bad entity reference');
      i = ENTITY.lastIndex;
    } else if (ch === '<') {
      if (xml.startsWith('<![CDATA[', i)) {
        const end = xml.indexOf(']]>', i);
        if (end < 0) fail('unterminated CDATA');
        i = end + 3;
      } else if (xml.startsWith('<!--', i)) {
        const end = xml.indexOf('-->', i);
        if (end < 0) fail('unterminated comment');
        i = end + 3;
      } else if (xml.startsWith('<?', i)) {
        i = xml.indexOf('?>', i) + 2;
      } else if (xml[i + 1] === '/') {
        const m = /^<\/([A-Za-z_][\w:.-]*)\s*>/.exec(xml.slice(i));
        if (!m) fail('bad end tag');
        const open = stack.pop();
        if (open !== m![1]) fail(`end tag </${m![1]}> closes <${open}>`);
        i += m![0].length;
      } else {
        const m = /^<([A-Za-z_][\w:.-]*)((?:\s+[A-Za-z_][\w:.-]*\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>/.exec(xml.slice(i));
        if (!m) fail('bad start tag or attribute');
        const names = [...m![2].matchAll(/([A-Za-z_][\w:.-]*)\s*=/g)].map((a) => a[1]);
        if (new Set(names).size !== names.length) fail(`duplicate attribute in <${m![1]}>`);
        for (const [, value] of m![2].matchAll(/=\s*(?:"([^"]*)"|'([^']*)')/g)) {
          if (value && /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.test(value)) fail('bad entity in attribute');
        }
        elements++;
        if (!m![3]) stack.push(m![1]);
        i += m![0].length;
      }
    } else {
      if (ch === '>' && stack.length === 0) fail('stray >');
      i++;
    }
  }
  if (stack.length) fail(`unclosed <${stack.join('> <')}>`);
  return elements;
}

/** The text content of every <text> element, unescaped. */
export function svgTexts(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) =>
    m[1].replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&'),
  );
}

/** The text inside the first <desc> element, unescaped. */
export function svgDesc(svg: string): string {
  const m = /<desc>([^<]*)<\/desc>/.exec(svg);
  return (m ? m[1] : '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}
