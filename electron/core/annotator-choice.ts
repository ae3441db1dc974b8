import { userInfo } from 'node:os';
import { personName } from '../contract/annotators.ts';
import { HamishError } from '../contract/errors.ts';
import { Annotators } from './annotators.ts';
import type { Db } from './database.ts';
import { Settings } from './settings.ts';

/** Who is annotating, and whether they said so (else the app asks before the first tag). */
export interface Annotator {
  readonly name: string;
  /** Named explicitly (option, $HAMISH_ANNOTATOR) or chosen in this library; not a guess from the login. */
  readonly confirmed: boolean;
}

/**
 * The annotator of a session. An explicit name wins (the --annotator option, then
 * $HAMISH_ANNOTATOR): it is for that run only and is not remembered. Then the name last chosen in
 * the app for this library, and last the login name, which the app asks to confirm.
 */
export class AnnotatorChoice {
  private readonly annotators: Annotators;
  private readonly settings: Settings;
  private current: Annotator;

  constructor(db: Db, explicit: string | undefined) {
    this.annotators = new Annotators(db);
    this.settings = new Settings(db);
    const given = explicit ?? (process.env.HAMISH_ANNOTATOR || undefined);
    const chosen = given ?? keptName(this.settings.get('annotator'));
    // A login name that cannot be a name here (say, "gold") is only a guess: a placeholder will do.
    const name = chosen === undefined ? loginName() : checkedName(chosen);
    this.current = { name, confirmed: chosen !== undefined };
    // Registered now, so that their layer can be opened and reviewed before their first tag.
    if (!db.readonly) this.id();
  }

  get annotator(): Annotator {
    return this.current;
  }

  /**
   * The annotator's id in the library as it is now, registering the name on first use. It is
   * looked up at each write, never kept: a restore, here or by another process, numbers the
   * annotators as the backup did, and a kept id would then name someone else.
   */
  id(): number {
    return this.annotators.idOf(this.current.name);
  }

  /** Switches to the name (trimmed, in NFC) and remembers it for the library. */
  switchTo(raw: string): Annotator {
    this.settings.set('annotator', this.choose(raw).name);
    this.id();
    return this.current;
  }

  /** Switches to the name for this run only: a library that can only be read cannot remember it. */
  choose(raw: string): Annotator {
    this.current = { name: checkedName(raw), confirmed: true };
    return this.current;
  }
}

function loginName(): string {
  const login = personName(userInfo().username);
  return login.ok ? login.name : 'analyst';
}

/** Trimmed and in NFC, as the library keeps names; else refused. */
function checkedName(raw: string): string {
  const checked = personName(raw);
  if (!checked.ok) throw new HamishError('invalid_input', checked.problem);
  return checked.name;
}

/** The name last chosen in the app, unless an older Hamish kept one that is refused now: then the app asks again. */
function keptName(kept: string | undefined): string | undefined {
  const checked = kept === undefined ? undefined : personName(kept);
  return checked?.ok ? checked.name : undefined;
}
