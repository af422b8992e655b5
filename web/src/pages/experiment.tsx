export default function Page() {
  return <h1>experiment</h1>;
}
