"""勾配消失ラボの日本語テキスト（キーは ``en/`` と同じ）。"""

TEXT: dict[str, str] = {
    "nav.gradients": "勾配消失",
    "gradients.title": "勾配が消えてしまうわけ",
    "gradients.intro": "誤差逆伝播では、勾配が入力側へ戻るあいだに層ごとに f′ が掛け算されます。"
    "その積を三つの方法で見てみましょう。上限（理論値）、初期化したばかりのネットワークの実際の勾配、"
    "そして学習中の小さなネットワークです。",
    # 共通の設定
    "gradients.network.label": "1 と 2 のネットワークの設定",
    "gradients.network.title": "活性化関数とネットワーク",
    "gradients.functions.label": "活性化関数",
    "gradients.functions.hint": "1〜{max} 個の活性化関数を比べます。",
    "gradients.width.label": "幅（1 層のユニット数）",
    "gradients.range_hint": "{low}〜{high}。",
    "gradients.init.label": "重みの初期化",
    "gradients.init.hint": "すべての活性化関数に共通です。「おすすめ」を選ぶと、"
    "それぞれに合った初期化を使います。",
    "gradients.init.recommended": "おすすめ（sigmoid・tanh は Xavier、ReLU 系は He）",
    "gradients.init.xavier": "Xavier（Glorot）",
    "gradients.init.he": "He（Kaiming）",
    "gradients.init.normal": "正規分布 N(0, σ²)",
    "gradients.init_short.xavier": "Xavier",
    "gradients.init_short.he": "He",
    "gradients.init_short.normal": "N(0, σ²)",
    "gradients.sigma.label": "正規分布の初期化の σ",
    "gradients.seed.label": "乱数のシード",
    "gradients.notice.controls": "グラフは更新していません。次の点を直してください:",
    "gradients.notice.link": "リンクの中に使えない値があったので、その項目は初期値に戻しました:",
    "gradients.notice.training": "学習の設定を直してください:",
    # 1
    "gradients.bound.title": "1. 上限: (max |f′|)^L",
    "gradients.bound.lesson": "シグモイドの微分は最大でも 0.25 なので、"
    "シグモイドの層を L 層通ると、"
    "f′ の掛け算だけで勾配は 1 層ごとに 4 分の 1 以下に縮みます（L = 10 で 0.25^10 ≈ 9.5 × 10⁻⁷）。"
    "ReLU の微分はユニットが働いている所では 1 なので、上限は 1 のままです。",
    "gradients.bound.depth": "深さ L（層の数）",
    "gradients.bound.chart_title": "L 層分の |f′| の積（対数目盛り）",
    "gradients.bound.line": "{label}: |f′| の最大 = {peak}。L = {depth} で上限は {bound}、"
    "実測の積は {measured}。",
    "gradients.bound.measured_note": "実測値: 実際に初期化したネットワーク"
    "（上の幅・初期化・シードで、"
    "moons データの 100 点を入力）の各隠れ層で |f′(z)| を平均し、層の数だけ掛け合わせたものです。"
    "ReLU では約半分のユニットが止まっているため 0.5^L に近くなりますが、"
    "重み（He の大きめの分散）が"
    "それを補うので、下で見る実際の勾配は消えません。",
    "gradients.trace.bound": "{label}: 上限",
    "gradients.trace.measured": "{label}: 実測",
    "gradients.trace.norms": "{label}（{init}）",
    "gradients.hover.bound": "上限",
    "gradients.hover.measured": "実測",
    "gradients.hover.layer": "層",
    "gradients.hover.epoch": "エポック",
    "gradients.hover.loss": "損失",
    "gradients.axis.depth": "深さ L",
    "gradients.axis.product": "|f′| の積（対数）",
    "gradients.axis.layer": "隠れ層 l（1 = 入力のすぐ隣）",
    "gradients.axis.norm": "‖∂L/∂W‖（対数）",
    "gradients.axis.epoch": "エポック",
    "gradients.axis.loss": "交差エントロピー損失（対数）",
    # 2
    "gradients.norms.title": "2. 初期化直後の実際の誤差逆伝播",
    "gradients.norms.lesson": "初期化したばかりのネットワークにデータを一度通したときの、"
    "各隠れ層の重みについての損失の勾配の大きさです。層 1 に向かって下がっていく線が勾配消失で、"
    "入力に近い層はほとんど学習できません。",
    "gradients.norms.depth": "隠れ層の数",
    "gradients.norms.chart_title": "初期化直後の隠れ層ごとの ‖∂L/∂W_l‖（対数目盛り）",
    "gradients.ratio.shrinks": "{label}（{init}）: ‖∂L/∂W₁‖ / ‖∂L/∂W{sub}‖ = {ratio}。"
    "層 1 の勾配は層 {depth} の {factor} 分の 1 です。",
    "gradients.ratio.grows": "{label}（{init}）: ‖∂L/∂W₁‖ / ‖∂L/∂W{sub}‖ = {ratio}。"
    "勾配は戻る途中で小さくなっていません。",
    "gradients.ratio.none": "{label}（{init}）: ‖∂L/∂W₁‖ / ‖∂L/∂W{sub}‖ = {ratio}。"
    "層 {depth} から層 1 まで勾配が届いていません（{factor} 分の 1）。",
    # ダウンロード
    "gradients.download.bound": "上限を CSV でダウンロード",
    "gradients.download.norms": "勾配の大きさを CSV でダウンロード",
    "gradients.download.training": "損失を CSV でダウンロード",
    "gradients.download.training_norms": "学習中の勾配の大きさを CSV でダウンロード",
    "gradients.download.boundary": "決定境界を CSV でダウンロード",
    "gradients.download.data": "学習データの点を CSV でダウンロード",
    "gradients.download.training_hint": "サーバーがシードから計算し直します。"
    "この設定では {max} エポックまでです。",
    "gradients.export.invalid": "クエリに誤りがあります:",
    # 3
    "gradients.train.title": "3. 並べて学習させる",
    "gradients.train.lesson": "ネットワーク・データ・シードはそのままで、"
    "活性化関数だけを変えて学習させます。"
    "損失に注目してください。ふつうの SGD では、深いシグモイドのネットワークは ln 2 付近"
    "（何も学べていない状態）にとどまり、入力側の層の勾配はごく小さいままです。"
    "ReLU はすぐに学習を始めます。",
    "gradients.train.controls": "学習の設定",
    "gradients.train.functions_hint": "1〜{max} 個の活性化関数を並べて学習させます。",
    "gradients.train.depth": "隠れ層の数",
    "gradients.train.start": "開始",
    "gradients.train.pause": "一時停止",
    "gradients.train.reset": "リセット",
    "gradients.train.progress": "学習の進み具合",
    "gradients.train.counter": "エポック {epoch} / {target}",
    "gradients.train.ready": "設定が変わったので、エポック 0 からやり直します。",
    "gradients.train.reset_done": "エポック 0 に戻しました。",
    "gradients.train.running": "学習中…",
    "gradients.train.paused": "一時停止中です。",
    "gradients.train.finished": "目標のエポック数に達しました。続けるには目標を増やすか、"
    "リセットしてください。",
    "gradients.train.all_diverged": "すべての学習が発散しました"
    "（損失か重みが大きくなりすぎました）。"
    "学習率を小さくしてからリセットしてください。",
    "gradients.train.bad_store": "ブラウザーから送られた学習の状態を受け付けられなかったため、"
    "学習を止めました。リセットを押すと最初からやり直せます。",
    "gradients.train.loss_title": "データ全体での損失（対数目盛り）",
    "gradients.train.norms_title": "学習中の層ごとの ‖∂L/∂W_l‖（対数目盛り）",
    "gradients.train.boundary_title": "決定境界: P(y = 1) とデータ",
    "gradients.train.chance": "ln 2: 何も学べていない",
    "gradients.train.layer": "層 {layer}",
    "gradients.train.output_layer": "出力層",
    "gradients.train.panel": "{label}<br>（{init}）",
    "gradients.train.diverged_short": "エポック {epoch} で発散",
    "gradients.train.diverged": "{label}: エポック {epoch} で発散しました。"
    "学習率を小さくしてみてください。",
    "gradients.train.not_started": "{label}: まだ学習していません。",
    "gradients.train.summary": "{label}: {epoch} エポック後の損失 {loss}、正解率 {accuracy} %。",
    "gradients.train.class": "クラス {value}",
    "gradients.dataset.label": "データセット",
    "gradients.dataset.xor": "XOR",
    "gradients.dataset.circles": "同心円",
    "gradients.dataset.moons": "三日月",
    "gradients.dataset.spiral": "渦巻き",
    "gradients.points.label": "点の数",
    "gradients.noise.label": "ノイズ（σ）",
    "gradients.optimiser.label": "最適化手法",
    "gradients.optimiser.sgd": "SGD（確率的勾配降下法）",
    "gradients.optimiser.adam": "Adam",
    "gradients.lr.label": "学習率",
    "gradients.batch.label": "バッチ",
    "gradients.batch.full": "全データ（フルバッチ）",
    "gradients.batch.32": "32 点",
    "gradients.batch.64": "64 点",
    "gradients.batch.128": "128 点",
    "gradients.epochs.label": "エポック数（目標）",
    "gradients.epochs.hint": "1〜{high}。学習中でも変えられます。",
    # グラフの内容を文と表で
    "gradients.list_separator": "、",
    "gradients.bound.summary": "L = 1〜{depth} 層について、|f′| の積を対数目盛りで描いたグラフです"
    "（{names}）。実線が上限 (max |f′|)^L、破線が幅 {width}・{init}・シード {seed} の"
    "ネットワークで実際に測った積です。",
    "gradients.norms.summary": "幅 {width} のネットワーク（シード {seed}）を初期化した直後の、"
    "隠れ層 l = 1〜{depth}（1 が入力のすぐ隣）の ‖∂L/∂W_l‖ を対数目盛りで描いたグラフです。"
    "活性化関数ごとに線が 1 本あります。",
    "gradients.norms.summary_line": "{label}: 層 1 で {first}、層 {depth} で {last}。",
    "gradients.train.loss_summary": "各エポックのあとのデータ全体での損失を対数目盛りで描いた"
    "グラフです（エポック 0〜{last}、目標 {target}）。点線は ln 2 ≈ 0.693 で、"
    "何も学べていないネットワークの損失です。",
    "gradients.train.loss_summary_empty": "各エポックのあとのデータ全体での損失を対数目盛りで"
    "描くグラフです。学習を始めるまでは空です（目標 {target} エポック）。点線は ln 2 ≈ 0.693 で、"
    "何も学べていないネットワークの損失です。",
    "gradients.train.loss_line": "{label}: エポック 0 で {first}、エポック {epoch} で {last}。",
    "gradients.train.norms_summary": "活性化関数ごとのパネルに、学習中の {depth} 個の隠れ層と"
    "出力層（点線）の ‖∂L/∂W‖ を対数目盛りで描いています。",
    "gradients.train.norms_line": "{label}: エポック 0 では層 1 が {first_layer}、"
    "出力層が {first_output}。エポック {epoch} ではそれぞれ {last_layer} と {last_output}。",
    "gradients.train.boundary_summary": "活性化関数ごとのパネルに、平面上の P(y = 1) を"
    "青（0）から灰色を通って赤（1）までの色で塗り、P = 0.5 の所（決定境界）に線を引いています。"
    "点は「{dataset}」データセットの学習データ {points} 点で、"
    "クラス 0 が丸、クラス 1 がひし形です。",
    "gradients.train.boundary_line": "{label}: {epoch} エポックのあと、"
    "{accuracy} % の点が正しい側にあります。",
    "gradients.table.show": "数値を表で見る",
    "gradients.table.caption": "{title}（{rows}）",
    "gradients.table.all_rows": "全 {total} 行",
    "gradients.table.some_rows": "{total} 行から等間隔に {shown} 行。"
    "すべての行は CSV ダウンロードにあります",
    "gradients.table.no_rows": "まだ学習していません",
    "gradients.table.bound": "深さ L ごとの上限 (max |f′|)^L と、実際に測った |f′| の積",
    "gradients.table.norms": "初期化した直後の、各隠れ層の ‖∂L/∂W_l‖",
    "gradients.table.loss": "各エポックのあとのデータ全体での損失",
    "gradients.table.train_norms": "学習中の各層の ‖∂L/∂W‖",
    "gradients.table.boundary": "ここまでの各活性化関数の結果"
    "（平面上の格子の各点の P(y = 1) は決定境界の CSV にあります）",
    "gradients.table.depth": "L",
    "gradients.table.layer": "層 l",
    "gradients.table.epoch": "エポック",
    "gradients.table.run_layer": "{label}: {layer}",
    "gradients.table.col_activation": "活性化関数",
    "gradients.table.col_epochs": "学習したエポック数",
    "gradients.table.col_loss": "損失",
    "gradients.table.col_accuracy": "正解率（%）",
    # 問題: 項目
    "gradients.field.fn": "活性化関数（fn）",
    "gradients.field.depth": "深さ（depth）",
    "gradients.field.width": "幅（width）",
    "gradients.field.init": "初期化（init）",
    "gradients.field.sigma": "σ（sigma）",
    "gradients.field.seed": "シード（seed）",
    "gradients.field.dataset": "データセット（dataset）",
    "gradients.field.points": "点の数（points）",
    "gradients.field.noise": "ノイズ（noise）",
    "gradients.field.optimiser": "最適化手法（optimiser）",
    "gradients.field.lr": "学習率（lr）",
    "gradients.field.batch": "バッチ（batch）",
    "gradients.field.epochs": "エポック数（epochs）",
    "gradients.field.bdepth": "パート1の深さ L（bdepth）",
    "gradients.field.gdepth": "パート2の隠れ層の数（gdepth）",
    "gradients.field.tfn": "学習させる活性化関数（tfn）",
    "gradients.field.tdepth": "学習させる隠れ層の数（tdepth）",
    "gradients.field.twidth": "学習させる幅（twidth）",
    "gradients.field.tinit": "学習させる初期化（tinit）",
    "gradients.field.tsigma": "学習させる σ（tsigma）",
    "gradients.field.tseed": "学習のシード（tseed）",
    "gradients.field.lang": "言語（lang）",
    "gradients.field.query": "クエリ",
    # 問題: 内容
    "gradients.problem.too_long": "{max} 文字を超えています",
    "gradients.problem.repeated": "2 回以上指定されています",
    "gradients.problem.language": "{text} はこのアプリの言語ではありません（en か ja）",
    "gradients.problem.unknown_key": "知らないクエリのパラメータです",
    "gradients.problem.empty": "数を入力してください",
    "gradients.problem.not_number": "{text} は数ではありません",
    "gradients.problem.whole": "整数にしてください",
    "gradients.problem.int_range": "{low}〜{high} の整数にしてください",
    "gradients.problem.range": "{low}〜{high} の範囲にしてください",
    "gradients.problem.choice": "{text} は {valid} のどれでもありません",
    "gradients.problem.unknown_function": "{name} という活性化関数はありません",
    "gradients.problem.listed_twice": "{name} が 2 回指定されています",
    "gradients.problem.no_function": "活性化関数を 1 つ以上選んでください",
    "gradients.problem.too_many": "一度に選べる活性化関数は {max} 個までです",
    "gradients.problem.batch": "「full」か {low}〜{high} の整数にしてください",
    "gradients.problem.batch_points": "バッチ {batch} 点が、"
    "データの {points} 点より多くなっています",
    "gradients.problem.epochs_cap": "この設定では {max} エポックまでです"
    "（ダウンロードが 1 秒ほどで済むように）",
}
