import { LexicalComposer, type InitialConfigType } from '@lexical/react/LexicalComposer';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { ContentEditable } from '@lexical/react/LexicalContentEditable';
import { $createParagraphNode, $createTextNode, $getRoot, type LexicalEditor, type NodeKey } from 'lexical';
import { useEffect, useMemo, useRef, type ReactNode, type RefObject } from 'react';
import { ArticleSectionNode } from './article-section.ts';
import { withVisibleControls } from './bidi.ts';
import { PARAGRAPHS_PER_SECTION, paragraphsOf, TextLayout } from './layout.ts';

/**
 * The article in a read-only Lexical editor, right to left. Lexical renders the text once, a
 * paragraph per line; what is drawn over it (the editor's spans, the review's units) is painted by
 * `children` as highlights, never put in the Lexical tree. The editor is handed to `onEditor` while it
 * is mounted: the article's key commands are dispatched through it.
 */
export function ArticleText({
  text,
  onEditor,
  children,
}: {
  text: string;
  onEditor: (editor: LexicalEditor | null) => void;
  children: (textKeys: RefObject<NodeKey[]>) => ReactNode;
}) {
  const keys = useRef<NodeKey[]>([]);
  const config = useMemo<InitialConfigType>(() => {
    const paragraphs = paragraphsOf(text);
    return {
      namespace: 'hamish-article',
      editable: false,
      onError: (error) => {
        throw error;
      },
      nodes: [ArticleSectionNode],
      theme: { paragraph: 'article-paragraph' },
      editorState: () => {
        let section = new ArticleSectionNode();
        keys.current = paragraphs.map(({ start, end }, i) => {
          if (i % PARAGRAPHS_PER_SECTION === 0) $getRoot().append((section = new ArticleSectionNode()));
          const node = $createTextNode(withVisibleControls(text.slice(start, end)));
          section.append($createParagraphNode().append(node));
          return node.getKey();
        });
      },
    };
  }, [text]);

  return (
    <LexicalComposer initialConfig={config}>
      {/* Lexical manages `dir` on the elements it renders, so the reading direction is set around it. */}
      <div className="article" dir="rtl" lang="ar">
        <ContentEditable className="article-text" ariaLabel="Article text" role="document" spellCheck={false} />
      </div>
      <HandOver onEditor={onEditor} />
      {children(keys)}
    </LexicalComposer>
  );
}

/**
 * After the first paint, not in a layout effect: a state change there would run every pending
 * effect (the panels' requests) before the browser has painted the text.
 */
function HandOver({ onEditor }: { onEditor: (editor: LexicalEditor | null) => void }): null {
  const [editor] = useLexicalComposerContext();
  useEffect(() => {
    onEditor(editor);
    return () => onEditor(null);
  }, [editor, onEditor]);
  return null;
}

/** Where each stretch of the text sits in the DOM, once Lexical has rendered it. */
export function layoutOf(editor: LexicalEditor, textKeys: readonly NodeKey[], text: string): TextLayout {
  const nodes = textKeys.map((key) => editor.getElementByKey(key)!.firstChild as Text);
  return new TextLayout(paragraphsOf(text), nodes);
}
