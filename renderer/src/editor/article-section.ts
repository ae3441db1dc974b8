import { ElementNode } from 'lexical';

/**
 * A run of the article's paragraphs (`PARAGRAPHS_PER_SECTION`), which the browser skips as one
 * while out of view. The article is read-only, so a section never changes.
 */
export class ArticleSectionNode extends ElementNode {
  $config() {
    return this.config('article-section', { extends: ElementNode });
  }

  createDOM(): HTMLElement {
    const section = document.createElement('div');
    section.className = 'article-section';
    return section;
  }

  updateDOM(): false {
    return false;
  }
}
